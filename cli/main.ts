// The `kubelab` command: finds the subcommand, parses its options, runs it, maps errors to exit
// codes (2: bad usage or invalid input, 1: the operation failed).

import { helpText, parseCommandArgs, UsageError, type Command, type CommandIO } from './command.js';
import { clusterUp } from './commands/cluster-up.js';
import { clusterLog } from './commands/cluster-log.js';
import { clusterList } from './commands/cluster-list.js';
import { clusterDown } from './commands/cluster-down.js';
import { doctor } from './commands/doctor.js';
import { start } from './commands/start.js';
import { grade } from './commands/grade.js';
import { scenarioList } from './commands/scenario-list.js';
import { scenarioSetup } from './commands/scenario-setup.js';
import { scenarioTest } from './commands/scenario-test.js';
import { scenarioValidate } from './commands/scenario-validate.js';

const COMMANDS: Command[] = [start, clusterUp, clusterList, clusterDown, clusterLog, doctor, grade, scenarioList, scenarioSetup, scenarioValidate, scenarioTest];

const io: CommandIO = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

function topLevelHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.path.join(' ').length));
  return [
    'kubelab: a training lab for fine-grained kubelet API authorization (CKS)',
    '',
    'Usage: kubelab <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    'Run `kubelab <command> --help` for the options of a command.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const cmd = COMMANDS.filter((c) => c.path.every((word, i) => argv[i] === word)).sort((a, b) => b.path.length - a.path.length)[0];
  if (!cmd) {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      io.out(topLevelHelp());
      return 0;
    }
    io.err(`kubelab: unknown command "${argv.join(' ')}"\n\n${topLevelHelp()}`);
    return 2;
  }
  try {
    const { values, positionals } = parseCommandArgs(cmd, argv.slice(cmd.path.length));
    if (values.help) {
      io.out(helpText(cmd));
      return 0;
    }
    return await cmd.run(values, positionals, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`kubelab ${cmd.path.join(' ')}: ${e.message}\nRun \`kubelab ${cmd.path.join(' ')} --help\` for usage.`);
      return 2;
    }
    io.err(`kubelab ${cmd.path.join(' ')}: ${(e as Error).message}`);
    return 1;
  }
}
