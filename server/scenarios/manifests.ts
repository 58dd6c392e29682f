// Setup manifests: every document must be a Kubernetes object kubectl can apply.

import { LineCounter, parseAllDocuments } from 'yaml';
import { problem, type Problem } from './problems.js';
import { YAML_FIX } from './yaml-source.js';

export function manifestProblems(file: string, text: string): Problem[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  if (!Array.isArray(docs)) return [problem(file, 1, 'not a YAML stream', 'write Kubernetes objects separated by "---"')];
  const out: Problem[] = [];
  let objects = 0;
  for (const doc of docs) {
    for (const e of doc.errors) out.push(problem(file, lineCounter.linePos(e.pos[0]).line, `YAML syntax: ${e.message.split('\n')[0]}`, YAML_FIX));
    if (doc.errors.length) continue;
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) continue; // an empty document between "---"
    const line = doc.contents?.range ? lineCounter.linePos(doc.contents.range[0]).line : 1;
    objects++;
    const obj = value as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
    if (typeof obj !== 'object' || Array.isArray(obj)) {
      out.push(problem(file, line, 'a manifest document must be a mapping', 'write one Kubernetes object per document'));
    } else if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') {
      out.push(problem(file, line, 'object without apiVersion or kind', 'add apiVersion and kind, e.g. apiVersion: v1 / kind: ServiceAccount'));
    } else if (typeof obj.metadata?.name !== 'string') {
      out.push(problem(file, line, `${obj.kind} without metadata.name`, 'add metadata: {name: ...}'));
    }
  }
  if (objects === 0 && out.length === 0) out.push(problem(file, 1, 'the manifest file holds no objects', 'add objects or remove the file from setup'));
  return out;
}
