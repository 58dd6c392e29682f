// What the scenario and grade commands share: finding the scenarios, picking one by id, reading
// --version, finding kubectl, and printing validation problems relative to where the user is.

import { relative, resolve } from 'node:path';
import { UsageError, type CommandIO } from '../command.js';
import { isKubeVersion, KUBE_VERSIONS, type KubeVersion } from '../../cluster/versions.js';
import { defaultScenariosDir } from '../../server/scenarios/catalog.js';
import { loadScenarios, type ScenarioCatalog } from '../../server/scenarios/loader.js';
import type { Scenario } from '../../server/scenarios/model.js';
import { formatProblem, type Problem } from '../../server/scenarios/problems.js';
import { graderKubectl } from '../../server/grading/kubectl.js';

export const SCENARIOS_DIR_OPTION = {
  type: 'string' as const,
  description: 'Folder holding the scenarios (default: the scenarios/ folder of kubelab, or $KUBELAB_SCENARIOS_DIR)',
  valueName: 'DIR',
};

export function loadCatalog(dirFlag: unknown): { root: string; catalog: ScenarioCatalog } {
  const root = typeof dirFlag === 'string' ? resolve(dirFlag) : defaultScenariosDir();
  try {
    return { root, catalog: loadScenarios(root) };
  } catch (e) {
    throw new Error(`cannot read the scenarios folder ${root}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
  }
}

/** The scenario with this id; an invalid one is refused with its problems. */
export function pickScenario(root: string, catalog: ScenarioCatalog, id: string): Scenario {
  const found = catalog.scenarios.find((s) => s.id === id);
  if (found) return found;
  const invalid = catalog.invalid.find((i) => i.folder === id || i.folder.replace(/^\d{2}-/, '') === id);
  if (invalid) {
    throw new Error(`scenario "${id}" is invalid and cannot be used:\n${invalid.problems.map((p) => `  ${problemLine(root, p)}`).join('\n')}`);
  }
  throw new UsageError(`no scenario "${id}": use one of ${catalog.scenarios.map((s) => s.id).join(', ') || '(none found)'} (kubelab scenario list)`);
}

export function versionFlag(value: unknown): KubeVersion | undefined {
  if (value === undefined) return undefined;
  const v = String(value).replace(/^v/, '');
  if (!isKubeVersion(v)) throw new UsageError(`unsupported --version "${String(value)}": use one of ${KUBE_VERSIONS.join(', ')}`);
  return v;
}

/** A problem as `path:line: message — fix`, the path relative to the current directory. */
export function problemLine(root: string, p: Problem): string {
  return formatProblem({ ...p, file: relative(process.cwd(), resolve(root, p.file)) || p.file });
}

export function kubectlForGrading(dataDir: string, io: CommandIO): Promise<string> {
  return graderKubectl(dataDir, (line) => io.err(line));
}
