// Loads scenario folders (layout in docs/scenarios.md), reporting every problem with file:line.
// One broken scenario is refused on its own: loadScenarios returns the valid ones and the
// problems of the others, and never throws because of a scenario's content.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { KubeVersion } from '../../cluster/versions.js';
import { validateFeatureGates } from '../../cluster/feature-gates.js';
import { kindKubeletConfig, mergeKubeletConfig } from '../../cluster/embedded/kubelet/kubelet-config.js';
import { resolveChecks } from './checks.js';
import { resolveCluster } from './cluster-spec.js';
import { manifestProblems } from './manifests.js';
import { checkVersionBlocks, headingTitle } from './markdown.js';
import type { Scenario, ScenarioCluster, SetupItem, Step, WrongSolution } from './model.js';
import { problem, type Problem } from './problems.js';
import { scenarioFileSchema, stepFileSchema, type ScenarioFile } from './schema.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';
import { validateWith } from './zod-problems.js';

export type ScenarioLoad = { ok: true; scenario: Scenario } | { ok: false; folder: string; problems: Problem[] };

export interface ScenarioCatalog {
  scenarios: Scenario[];
  invalid: { folder: string; problems: Problem[] }[];
}

const STEP_FILE = /^(\d{2})-([a-z0-9][-a-z0-9]*)\.(md|yaml)$/;
const MIN_WRONG_SOLUTIONS = 2;

/** Every scenario folder under `root` (a folder holding scenario.yaml), valid ones first. */
export function loadScenarios(root: string): ScenarioCatalog {
  const catalog: ScenarioCatalog = { scenarios: [], invalid: [] };
  const folders = readdirSync(root)
    .filter((f) => !f.startsWith('.') && statSync(join(root, f)).isDirectory())
    .sort();
  const byId = new Map<string, string>();
  for (const folder of folders) {
    let loaded: ScenarioLoad;
    try {
      loaded = loadScenario(root, folder);
    } catch (e) {
      loaded = { ok: false, folder, problems: [problem(folder, 0, `could not be read: ${(e as Error).message}`, 'check the folder\'s files and permissions')] };
    }
    if (!loaded.ok) {
      catalog.invalid.push({ folder, problems: loaded.problems });
      continue;
    }
    const other = byId.get(loaded.scenario.id);
    if (other) {
      catalog.invalid.push({ folder, problems: [problem(`${folder}/scenario.yaml`, 1, `id "${loaded.scenario.id}" is also used by ${other}`, 'give every scenario its own id')] });
      continue;
    }
    byId.set(loaded.scenario.id, folder);
    catalog.scenarios.push(loaded.scenario);
  }
  return catalog;
}

export function loadScenario(root: string, folder: string): ScenarioLoad {
  const dir = resolve(root, folder);
  const rel = (path: string) => `${folder}/${path}`;
  const problems: Problem[] = [];
  const fail = (): ScenarioLoad => ({ ok: false, folder, problems });

  const meta = readYaml(dir, 'scenario.yaml', rel, problems);
  if (!meta) return fail();
  const parsed = validateWith(scenarioFileSchema, meta.value, meta, []);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return fail();
  }
  const file = parsed.value;
  const folderId = /^\d{2}-(.+)$/.exec(basename(folder))?.[1] ?? basename(folder);
  if (folderId !== file.id) {
    problems.push(problem(meta.file, meta.lineOf(['id']), `id "${file.id}" does not match the folder name "${basename(folder)}"`, `rename the folder to "NN-${file.id}" or change the id`));
  }
  const versions = Object.keys(file.versions) as KubeVersion[];
  const clusters = resolveClusters(file, versions, meta, problems);
  const setup = resolveSetup(file, dir, versions, meta, rel, problems);
  const { steps, stems } = resolveSteps(dir, versions, clusters, rel, problems);
  const wrongSolutions = resolveWrongSolutions(file, dir, versions, steps, stems.size, meta, problems);
  const finish = readMarkdown(dir, 'finish.md', versions, rel, problems, true);
  const intro = readMarkdown(dir, 'intro.md', versions, rel, problems, false);
  const stray = (sub: string, listed: Iterable<string>, message: string, fix: string) => reportStrayFiles(dir, sub, new Set(listed), rel, problems, message, fix);
  stray('solutions', [...stems.keys()].map((stem) => `solutions/${stem}.sh`), 'matches no step', 'name a solution like its step (steps/NN-slug.md → solutions/NN-slug.sh) or delete it');
  stray('setup', (file.setup ?? []).map((e) => (typeof e === 'string' ? e : e.file)), 'is not listed under setup in scenario.yaml', 'list it under setup or delete it');
  stray('wrong', file.wrongSolutions.map((w) => w.file), 'is not listed under wrongSolutions in scenario.yaml', 'list it under wrongSolutions or delete it');
  if (problems.length > 0) return fail();
  return {
    ok: true,
    scenario: {
      id: file.id,
      dir,
      title: file.title,
      summary: file.summary,
      difficulty: file.difficulty,
      minutes: file.minutes,
      versions,
      clusters,
      setup,
      ...(intro !== undefined ? { intro } : {}),
      finish: finish ?? '',
      steps,
      wrongSolutions,
    },
  };
}

function readYaml(dir: string, path: string, rel: (p: string) => string, problems: Problem[]): YamlSource | undefined {
  const full = join(dir, path);
  if (!existsSync(full)) {
    problems.push(problem(rel(path), 0, 'file is missing', `create ${path} (see docs/scenarios.md)`));
    return undefined;
  }
  const parsed = parseYamlSource(rel(path), readFileSync(full, 'utf8'));
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return undefined;
  }
  return parsed.source;
}

function resolveClusters(file: ScenarioFile, versions: KubeVersion[], meta: YamlSource, problems: Problem[]): Partial<Record<KubeVersion, ScenarioCluster>> {
  const clusters: Partial<Record<KubeVersion, ScenarioCluster>> = {};
  for (const version of versions) {
    const cluster = resolveCluster(file.cluster, file.versions[version]);
    const where = (field: string) => (file.versions[version]?.[field as 'nodes'] !== undefined ? meta.lineOf(['versions', version, field]) : meta.lineOf(['cluster', field]));
    const gates = validateFeatureGates(version, cluster.featureGates);
    if (!gates.ok) problems.push(problem(meta.file, where('featureGates'), `v${version}: ${gates.message}`, 'remove the gate or set it only on the versions that accept it (under versions:)'));
    if (cluster.kubeletConfigPatch) {
      const base = kindKubeletConfig(version);
      const merged = base.ok ? mergeKubeletConfig(base.file, cluster.kubeletConfigPatch, version) : base;
      if (!merged.ok) problems.push(problem(meta.file, where('kubeletConfig'), `v${version}: the kubelet would not start: ${merged.message}`, 'correct the KubeletConfiguration patch'));
    }
    clusters[version] = cluster;
  }
  return clusters;
}

function resolveSetup(file: ScenarioFile, dir: string, versions: KubeVersion[], meta: YamlSource, rel: (p: string) => string, problems: Problem[]): SetupItem[] {
  const items: SetupItem[] = [];
  (file.setup ?? []).forEach((entry, i) => {
    const path = typeof entry === 'string' ? entry : entry.file;
    const line = meta.lineOf(['setup', i]);
    const kind = /\.ya?ml$/.test(path) ? 'manifest' : path.endsWith('.sh') ? 'script' : undefined;
    if (!path.startsWith('setup/') || !kind) {
      problems.push(problem(meta.file, line, `setup entry "${path}" is not a setup/*.yaml manifest or setup/*.sh script`, 'put setup files in setup/ and name them .yaml or .sh'));
      return;
    }
    const full = join(dir, path);
    if (!existsSync(full)) {
      problems.push(problem(meta.file, line, `setup file "${path}" does not exist`, `create ${path} or correct the name`));
      return;
    }
    if (kind === 'manifest') problems.push(...manifestProblems(rel(path), readFileSync(full, 'utf8')));
    const only = typeof entry === 'string' ? undefined : entry.versions;
    for (const v of only ?? []) {
      if (!versions.includes(v)) problems.push(problem(meta.file, line, `setup entry "${path}" names v${v}, which the scenario does not run on`, `use one of ${versions.join(', ')}`));
    }
    items.push({ file: full, relative: path, kind, versions: only ?? versions });
  });
  return items;
}

/** The steps that loaded, and every step file stem found (NN-slug → number), loaded or not. */
function resolveSteps(
  dir: string,
  versions: KubeVersion[],
  clusters: Partial<Record<KubeVersion, ScenarioCluster>>,
  rel: (p: string) => string,
  problems: Problem[],
): { steps: Step[]; stems: Map<string, { number: number; slug: string }> } {
  const stepsDir = join(dir, 'steps');
  const stems = new Map<string, { number: number; slug: string }>();
  if (!existsSync(stepsDir)) {
    problems.push(problem(rel('steps'), 0, 'the scenario has no steps/ folder', 'add steps/01-NAME.md and steps/01-NAME.yaml'));
    return { steps: [], stems };
  }
  const names = readdirSync(stepsDir).sort();
  for (const name of names) {
    const m = STEP_FILE.exec(name);
    if (!m) {
      problems.push(problem(rel(`steps/${name}`), 0, 'is not named like a step file', 'name step files NN-slug.md and NN-slug.yaml, e.g. 01-ask-the-kubelet.md'));
      continue;
    }
    stems.set(`${m[1]}-${m[2]}`, { number: Number(m[1]), slug: m[2]! });
  }
  const steps: Step[] = [];
  const ordered = [...stems.entries()].sort((a, b) => a[1].number - b[1].number);
  ordered.forEach(([stem, { number, slug }], i) => {
    if (number !== i + 1) problems.push(problem(rel(`steps/${stem}.md`), 0, `step number ${number} is out of sequence (expected ${i + 1})`, 'number steps 01, 02, 03 ... without gaps or repeats'));
    const step = loadStep(dir, stem, number, slug, versions, clusters, rel, problems);
    if (step) steps.push(step);
  });
  if (stems.size === 0) problems.push(problem(rel('steps'), 0, 'the steps/ folder holds no steps', 'add steps/01-NAME.md and steps/01-NAME.yaml'));
  return { steps, stems };
}

function loadStep(
  dir: string,
  stem: string,
  number: number,
  slug: string,
  versions: KubeVersion[],
  clusters: Partial<Record<KubeVersion, ScenarioCluster>>,
  rel: (p: string) => string,
  problems: Problem[],
): Step | undefined {
  const markdown = readMarkdown(dir, `steps/${stem}.md`, versions, rel, problems, true);
  const title = markdown !== undefined ? headingTitle(markdown) : undefined;
  if (markdown !== undefined && !title) problems.push(problem(rel(`steps/${stem}.md`), 1, 'the step text does not start with a "# Title" line', 'begin the file with "# " and the step title'));
  const solution = join(dir, 'solutions', `${stem}.sh`);
  if (!existsSync(solution)) problems.push(problem(rel(`solutions/${stem}.sh`), 0, `step ${number} has no solution script`, `create solutions/${stem}.sh (bash, run with KUBECONFIG set)`));
  const source = readYaml(dir, `steps/${stem}.yaml`, rel, problems);
  if (!source) return undefined;
  const parsed = validateWith(stepFileSchema, source.value, source, []);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return undefined;
  }
  const stepVersions = parsed.value.versions ?? versions;
  for (const v of stepVersions) {
    if (!versions.includes(v)) problems.push(problem(source.file, source.lineOf(['versions']), `step ${number} names v${v}, which the scenario does not run on`, `use one of ${versions.join(', ')}`));
  }
  const runsOn = stepVersions.filter((v) => versions.includes(v));
  const nodesByVersion = Object.fromEntries(runsOn.map((v) => [v, clusters[v]?.nodes ?? 1]));
  const { checks, problems: checkProblems } = resolveChecks(parsed.value.checks, { source, dir, versions: runsOn, nodesByVersion });
  problems.push(...checkProblems);
  // A step whose checks are broken is not returned, so nothing else reports problems about it.
  if (checkProblems.length > 0) return undefined;
  for (const v of runsOn) {
    if (!(checks[v] ?? []).some((c) => c.before === 'fail')) {
      problems.push(problem(source.file, source.lineOf(['checks']), `on v${v}, no check of step ${number} fails on an untouched cluster, so the step would pass without any work`, 'add a check with before: fail (the default) that only the learner\'s change makes pass'));
    }
  }
  return { number, slug, title: title ?? slug, markdown: markdown ?? '', hints: parsed.value.hints, versions: runsOn, checks, solution };
}

function resolveWrongSolutions(file: ScenarioFile, dir: string, versions: KubeVersion[], steps: Step[], stepCount: number, meta: YamlSource, problems: Problem[]): WrongSolution[] {
  const out: WrongSolution[] = [];
  file.wrongSolutions.forEach((w, i) => {
    const at = (field: string) => meta.lineOf(['wrongSolutions', i, field]);
    if (!w.file.startsWith('wrong/') || !w.file.endsWith('.sh')) problems.push(problem(meta.file, at('file'), `wrong solution "${w.file}" is not a wrong/*.sh script`, 'put wrong solutions in wrong/ as bash scripts'));
    else if (!existsSync(join(dir, w.file))) problems.push(problem(meta.file, at('file'), `wrong solution "${w.file}" does not exist`, `create ${w.file} or correct the name`));
    const step = steps.find((s) => s.number === w.step);
    if (!step && w.step > stepCount) {
      problems.push(problem(meta.file, at('step'), `wrong solution "${w.file}" names step ${w.step}, which does not exist`, `use a step number from 1 to ${stepCount}`));
      return;
    }
    const on = w.versions ?? step?.versions ?? versions;
    const entry: WrongSolution = { file: join(dir, w.file), relative: w.file, step: w.step, versions: on, why: w.why, ...(w.failsChecks ? { failsChecks: w.failsChecks } : {}) };
    // A step that failed to load has its problems reported already; judge nothing against it.
    if (!step) {
      out.push(entry);
      return;
    }
    for (const v of on) {
      if (!step.versions.includes(v)) problems.push(problem(meta.file, at('versions'), `wrong solution "${w.file}" names v${v}, but step ${w.step} does not run on it`, `use versions step ${w.step} runs on: ${step.versions.join(', ')}`));
      for (const id of w.failsChecks ?? []) {
        if (!(step.checks[v] ?? []).some((c) => c.id === id)) problems.push(problem(meta.file, at('failsChecks'), `failsChecks names "${id}", which step ${w.step} has no check for on v${v}`, `use ids of step ${w.step}'s checks`));
      }
    }
    out.push(entry);
  });
  for (const v of versions) {
    const count = out.filter((w) => w.versions.includes(v)).length;
    if (count < MIN_WRONG_SOLUTIONS) {
      problems.push(problem(meta.file, meta.lineOf(['wrongSolutions']), `v${v} has ${count} wrong solution(s); every version needs at least ${MIN_WRONG_SOLUTIONS}`, 'add plausible mistakes (e.g. granting nodes/proxy, or nodes/*) under wrongSolutions'));
    }
  }
  return out;
}

function readMarkdown(dir: string, path: string, versions: KubeVersion[], rel: (p: string) => string, problems: Problem[], required: boolean): string | undefined {
  const full = join(dir, path);
  if (!existsSync(full)) {
    if (required) problems.push(problem(rel(path), 0, 'file is missing', `create ${path}`));
    return undefined;
  }
  const text = readFileSync(full, 'utf8');
  if (!text.trim()) problems.push(problem(rel(path), 1, 'file is empty', 'write the text for the learner'));
  for (const p of checkVersionBlocks(text, versions)) problems.push(problem(rel(path), p.line, p.message, p.fix));
  return text;
}

function reportStrayFiles(dir: string, sub: string, listed: Set<string>, rel: (p: string) => string, problems: Problem[], message: string, fix: string): void {
  const full = join(dir, sub);
  if (!existsSync(full)) return;
  for (const name of readdirSync(full).sort()) {
    const path = `${sub}/${name}`;
    if (!listed.has(path)) problems.push(problem(rel(path), 0, message, fix));
  }
}
