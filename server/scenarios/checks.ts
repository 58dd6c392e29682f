// A step's checks, resolved for each version it runs on. A check may carry per-version overrides
//
//   on:
//     "1.31": { expect: { status: 403 }, why: "..." }
//
// which replace the named fields for that version; the result is validated with the check type's
// schema, then against the rules zod cannot see (known kinds, parseable JSONPath, scripts that exist).

import { existsSync } from 'node:fs';
import { join, normalize } from 'node:path';
import type { KubeVersion } from '../../cluster/versions.js';
import { kindInfo, KNOWN_KINDS } from '../grading/kinds.js';
import { parseJsonPath } from '../grading/jsonpath.js';
import { problem, type Problem } from './problems.js';
import { CHECK_SCHEMAS, CHECK_TYPES, type Check, type CheckType } from './schema.js';
import type { YamlPath, YamlSource } from './yaml-source.js';
import { validateWith } from './zod-problems.js';

export interface CheckContext {
  source: YamlSource;
  /** Absolute scenario folder, for scripts the checks name. */
  dir: string;
  versions: readonly KubeVersion[];
  nodesByVersion: Partial<Record<KubeVersion, number>>;
}

export function resolveChecks(
  raw: readonly Record<string, unknown>[],
  ctx: CheckContext,
): { checks: Partial<Record<KubeVersion, Check[]>>; problems: Problem[] } {
  const problems = new Map<string, Problem>(); // keyed by text: a base-field problem shows once, not per version
  const add = (p: Problem) => problems.set(`${p.line}:${p.message}`, p);
  const checks: Partial<Record<KubeVersion, Check[]>> = {};
  const seenIds = new Map<string, number>();

  raw.forEach((check, index) => {
    const at = (...path: YamlPath) => ctx.source.lineOf(['checks', index, ...path]);
    const type = check.type;
    if (typeof type !== 'string' || !(CHECK_TYPES as string[]).includes(type)) {
      add(problem(ctx.source.file, at('type'), type === undefined ? `check ${index + 1} has no type` : `unknown check type "${String(type)}"`, `set type to one of ${CHECK_TYPES.join(', ')}`));
      return;
    }
    if (typeof check.id === 'string') {
      const first = seenIds.get(check.id);
      if (first !== undefined) add(problem(ctx.source.file, at('id'), `check id "${check.id}" is used twice in this step (first on line ${first})`, 'give each check of a step its own id'));
      else seenIds.set(check.id, at('id'));
    }
    const overrides = perVersionOverrides(check.on, ctx, index, add);
    const { on: _on, ...base } = check;
    for (const version of ctx.versions) {
      const override = overrides[version] ?? {};
      const merged = { ...base, ...override };
      const lineOf = (path: YamlPath) => (path[0] !== undefined && path[0] in override ? at('on', version, ...path) : at(...path));
      const result = validateWith(CHECK_SCHEMAS[type as CheckType] as never, merged, ctx.source, ['checks', index], lineOf);
      if (!result.ok) {
        result.problems.forEach(add);
        continue;
      }
      const resolved = result.value as Check;
      if (resolved.versions && !resolved.versions.includes(version)) continue;
      for (const p of semanticProblems(resolved, version, ctx, lineOf)) add(p);
      (checks[version] ??= []).push(resolved);
    }
  });
  return { checks, problems: [...problems.values()] };
}

function perVersionOverrides(
  on: unknown,
  ctx: CheckContext,
  index: number,
  add: (p: Problem) => void,
): Partial<Record<string, Record<string, unknown>>> {
  if (on === undefined) return {};
  const line = ctx.source.lineOf(['checks', index, 'on']);
  if (typeof on !== 'object' || on === null || Array.isArray(on)) {
    add(problem(ctx.source.file, line, '"on" must map versions to the fields that change', 'write e.g. on: {"1.31": {expect: {status: 403}}}'));
    return {};
  }
  const out: Record<string, Record<string, unknown>> = {};
  for (const [version, fields] of Object.entries(on)) {
    if (!ctx.versions.includes(version as KubeVersion)) {
      add(problem(ctx.source.file, ctx.source.lineOf(['checks', index, 'on', version]), `"on" names version "${version}", which this step does not run on`, `use one of ${ctx.versions.join(', ')}`));
    } else if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
      add(problem(ctx.source.file, ctx.source.lineOf(['checks', index, 'on', version]), `on."${version}" must be a mapping of fields`, 'write e.g. {expect: {status: 403}}'));
    } else if ('id' in fields || 'type' in fields) {
      add(problem(ctx.source.file, ctx.source.lineOf(['checks', index, 'on', version]), `on."${version}" changes id or type`, 'a check keeps its id and type on every version: write a separate check with versions: [...] instead'));
    } else {
      out[version] = fields as Record<string, unknown>;
    }
  }
  return out;
}

function semanticProblems(check: Check, version: KubeVersion, ctx: CheckContext, lineOf: (p: YamlPath) => number): Problem[] {
  const file = ctx.source.file;
  const out: Problem[] = [];
  switch (check.type) {
    case 'can-i':
      if (check.namespace && check.allNamespaces) out.push(problem(file, lineOf(['allNamespaces']), 'namespace and allNamespaces are both set', 'keep one: -n NAMESPACE or -A'));
      // kubectl writes a name as RESOURCE/NAME: the very form that reads like a subresource.
      if (check.name && KUBELET_SUBRESOURCES.includes(check.name)) {
        out.push(problem(file, lineOf(['name']), `name "${check.name}" would show learners \`kubectl auth can-i ${check.verb} ${check.resource}/${check.name}\`, the form that is mistaken for a subresource`, `use subresource: ${check.name} for the subresource, or check a role's resourceNames with a resource check`));
      }
      break;
    case 'kubelet': {
      const nodes = ctx.nodesByVersion[version] ?? 1;
      if (check.node >= nodes) out.push(problem(file, lineOf(['node']), `node ${check.node} does not exist on v${version}: the cluster has ${nodes} node(s)`, `use a node position from 0 to ${nodes - 1}, or raise nodes in scenario.yaml`));
      break;
    }
    case 'resource': {
      const info = kindInfo(check.kind);
      if (!info) {
        out.push(problem(file, lineOf(['kind']), `kind "${check.kind}" is not one the grader reads`, `use one of ${KNOWN_KINDS.join(', ')}`));
        break;
      }
      if (info.namespaced && !check.namespace) out.push(problem(file, lineOf(['name']), `${check.kind} is namespaced but the check names no namespace`, 'add namespace: NAME'));
      if (!info.namespaced && check.namespace) out.push(problem(file, lineOf(['namespace']), `${check.kind} is cluster-scoped`, 'remove namespace'));
      if ('jsonPath' in check.expect) {
        const parsed = parseJsonPath(check.expect.jsonPath);
        if (!parsed.ok) out.push(problem(file, lineOf(['expect', 'jsonPath']), parsed.message, 'see docs/scenarios.md for the supported JSONPath forms'));
      }
      if ('matches' in check.expect && check.expect.matches !== undefined && !isRegex(check.expect.matches)) {
        out.push(problem(file, lineOf(['expect', 'matches']), `"${check.expect.matches}" is not a valid regular expression`, 'write a JavaScript regular expression without slashes'));
      }
      break;
    }
    case 'answer':
      if ('matches' in check.expect && !isRegex(check.expect.matches)) out.push(problem(file, lineOf(['expect', 'matches']), `"${check.expect.matches}" is not a valid regular expression`, 'write a JavaScript regular expression without slashes'));
      break;
    case 'shell': {
      const inside = normalize(check.script);
      if (inside.startsWith('..') || inside.startsWith('/')) out.push(problem(file, lineOf(['script']), `script "${check.script}" is outside the scenario folder`, 'put it in the scenario folder, e.g. checks/NAME.sh'));
      else if (!existsSync(join(ctx.dir, inside))) out.push(problem(file, lineOf(['script']), `script "${check.script}" does not exist`, `create ${check.script} in the scenario folder or correct the path`));
      break;
    }
    default:
      break;
  }
  return out;
}

const KUBELET_SUBRESOURCES = ['proxy', 'pods', 'metrics', 'stats', 'log', 'healthz', 'configz', 'checkpoint', 'spec', 'statusz'];

function isRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
