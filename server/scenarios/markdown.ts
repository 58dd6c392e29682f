// Version-specific passages in scenario markdown:
//
//   ::: only 1.31
//   On 1.31 the kubelet asks about `proxy` only.
//   :::
//
// renderForVersion keeps the passages for that version and drops the others; checkVersionBlocks
// reports blocks that are unclosed, nested or name a version the scenario does not run on.

import type { KubeVersion } from '../../cluster/versions.js';

const OPEN = /^:::\s*only\s+(.+?)\s*$/;
const CLOSE = /^:::\s*$/;

export function renderForVersion(markdown: string, version: KubeVersion): string {
  const out: string[] = [];
  let keep = true;
  for (const line of markdown.split('\n')) {
    const open = OPEN.exec(line);
    if (open) keep = open[1]!.split(/[\s,]+/).includes(version);
    else if (CLOSE.test(line)) keep = true;
    else if (keep) out.push(line);
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

export interface BlockProblem {
  line: number;
  message: string;
  fix: string;
}

export function checkVersionBlocks(markdown: string, versions: readonly KubeVersion[]): BlockProblem[] {
  const problems: BlockProblem[] = [];
  let openedAt = 0;
  markdown.split('\n').forEach((line, i) => {
    const open = OPEN.exec(line);
    if (open) {
      if (openedAt) problems.push({ line: i + 1, message: `"::: only" block inside the block opened on line ${openedAt}`, fix: 'close the first block with ":::" before opening another' });
      openedAt = i + 1;
      for (const v of open[1]!.split(/[\s,]+/)) {
        if (!versions.includes(v as KubeVersion)) {
          problems.push({ line: i + 1, message: `"::: only" names version "${v}", which this scenario does not run on`, fix: `use one of ${versions.join(', ')}` });
        }
      }
    } else if (CLOSE.test(line)) {
      if (!openedAt) problems.push({ line: i + 1, message: '":::" closes no block', fix: 'remove it, or open the block with "::: only VERSION"' });
      openedAt = 0;
    }
  });
  if (openedAt) problems.push({ line: openedAt, message: '"::: only" block is never closed', fix: 'end it with a line holding only ":::"' });
  return problems;
}

/** The first "# " heading: a step's title. */
export function headingTitle(markdown: string): string | undefined {
  const line = markdown.split('\n').find((l) => l.trim().length > 0);
  const m = line ? /^#\s+(.+?)\s*$/.exec(line) : null;
  return m?.[1];
}
