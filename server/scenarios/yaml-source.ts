// Untrusted YAML parsed once, keeping where every value came from, so a validation problem can
// name the line an author has to change.

import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { problem, type Problem } from './problems.js';

export const YAML_FIX = 'fix the YAML: check indentation, and quote text that contains ": " or starts with a special character';

export type YamlPath = readonly (string | number)[];

export interface YamlSource {
  file: string;
  value: unknown;
  /** The line of the value at `path`; for a missing key, the line of the nearest parent. */
  lineOf(path: YamlPath): number;
}

export type YamlParse = { ok: true; source: YamlSource } | { ok: false; problems: Problem[] };

export function parseYamlSource(file: string, text: string): YamlParse {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) =>
        problem(file, lineCounter.linePos(e.pos[0]).line, `YAML syntax: ${firstLine(e.message)}`, YAML_FIX),
      ),
    };
  }
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  return {
    ok: true,
    source: {
      file,
      value: doc.toJS(),
      lineOf(path) {
        let node: unknown = doc.contents;
        let line = node && hasRange(node) ? lineAt(node.range[0]) : 1;
        for (const key of path) {
          if (isMap(node)) {
            // String(): an unquoted version key such as 1.31 is a YAML number.
            const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
            if (!pair) return line;
            if (hasRange(pair.key)) line = lineAt(pair.key.range[0]);
            node = pair.value;
          } else if (isSeq(node) && typeof key === 'number') {
            node = node.items[key];
            if (node && hasRange(node)) line = lineAt(node.range[0]);
            else return line;
          } else {
            return line;
          }
        }
        return line;
      },
    },
  };
}

function hasRange(node: unknown): node is Node & { range: [number, number, number] } {
  return typeof node === 'object' && node !== null && Array.isArray((node as { range?: unknown }).range);
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
