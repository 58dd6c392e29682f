// `kubelab start`: the web lab in the foreground until SIGINT/SIGTERM, which delete every lab
// cluster and end every shell before the process exits 0.

import { userInfo } from 'node:os';
import { isIP } from 'node:net';
import { UsageError, type Command } from '../command.js';
import { dataDir } from '../data-dir.js';
import { startLabServer } from '../../server/lab-server.js';

export const start: Command = {
  path: ['start'],
  summary: 'Run the web lab (scenarios, browser terminal, checks) until Ctrl-C',
  details: [
    'Serves the lab on http://HOST:PORT/. Each browser session gets its own embedded cluster and a',
    'bash shell on this machine, as the user running kubelab. So the lab listens on the loopback',
    'address only, unless --expose is given as well as another --host.',
    '',
    'Examples:',
    '  kubelab start',
    '  kubelab start --port 8080 --data-dir /tmp/lab',
  ].join('\n'),
  options: {
    host: { type: 'string', description: 'Address to listen on', valueName: 'ADDR', default: '127.0.0.1' },
    port: { type: 'string', description: 'Port to listen on', valueName: 'PORT', default: '3000' },
    runtime: { type: 'string', description: 'Where lab clusters run: embedded (in this process) or kind', valueName: 'RUNTIME', default: 'embedded' },
    'data-dir': { type: 'string', description: 'State directory (default $KUBELAB_DATA_DIR or ~/.kubelab)', valueName: 'DIR' },
    expose: { type: 'boolean', description: 'Allow a --host other machines can reach: every visitor gets a shell on this machine' },
    'idle-minutes': { type: 'string', description: 'Delete a lab nobody used for this long', valueName: 'MIN', default: '120' },
    'max-labs': { type: 'string', description: 'Labs (clusters) running at once, over all sessions', valueName: 'N', default: '20' },
  },
  async run(values, _positionals, io) {
    const host = String(values.host);
    const port = wholeNumber(values.port, '--port', 0, 65535);
    const idleMinutes = wholeNumber(values['idle-minutes'], '--idle-minutes', 1, 7 * 24 * 60);
    const maxLabs = wholeNumber(values['max-labs'], '--max-labs', 1, 1000);
    if (values.runtime === 'kind') throw new UsageError('the kind runtime is not available in the web lab yet: use --runtime embedded (the default)');
    if (values.runtime !== 'embedded') throw new UsageError(`unknown --runtime "${String(values.runtime)}": use embedded or kind`);
    const loopback = isLoopback(host);
    if (!loopback && values.expose !== true) {
      throw new UsageError(
        `refusing to listen on ${host}: other machines could reach it, and the lab hands every visitor a bash shell on this machine. ` +
          'Use the default --host 127.0.0.1, or add --expose if that is really what you want.',
      );
    }

    const user = userInfo().username;
    const server = await startLabServer({ host, port, dataDir: dataDir(values['data-dir']), exposed: !loopback, idleTimeoutMs: idleMinutes * 60_000, maxLabs, log: io.err });
    if (loopback) {
      io.err(`kubelab web lab: ${server.url}`);
      io.err(`Listening on ${host} (loopback) only: other machines cannot reach it. Each session gets a bash shell as "${user}".`);
    } else {
      io.err('!'.repeat(78));
      io.err(`!! kubelab is listening on ${host}:${server.port}: ANYONE WHO CAN REACH THIS PORT GETS A BASH`);
      io.err(`!! SHELL ON THIS MACHINE AS "${user}", with cluster-admin on their lab cluster. There are no`);
      io.err('!! accounts in this mode. Use it only on a network you trust, and stop it with Ctrl-C.');
      io.err('!'.repeat(78));
      io.err(`kubelab web lab: ${server.url}`);
    }
    io.err('Press Ctrl-C to stop it.');

    const signal = await new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    const running = server.labs.running;
    io.err(`${signal}: deleting ${running} lab cluster${running === 1 ? '' : 's'} and ending the shells ... (press Ctrl-C again to quit at once)`);
    process.once('SIGINT', () => process.exit(130));
    await server.close();
    io.err('kubelab web lab stopped.');
    return 0;
  },
};

function wholeNumber(value: unknown, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(String(value)) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${String(value)}"`);
  return n;
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}
