import { describe, expect, it } from 'vitest';
import { checkVersionBlocks, headingTitle, renderForVersion } from './markdown.js';

const TEXT = ['# Title', 'common', '::: only 1.31', 'old kubelet', ':::', '::: only 1.33 1.36', 'new kubelet', ':::', 'end'].join('\n');

describe('version blocks in scenario markdown', () => {
  it('keeps the passages for the version and drops the markers', () => {
    expect(renderForVersion(TEXT, '1.31')).toBe('# Title\ncommon\nold kubelet\nend');
    expect(renderForVersion(TEXT, '1.36')).toBe('# Title\ncommon\nnew kubelet\nend');
  });

  it('reports unknown versions, nesting and unclosed blocks by line', () => {
    expect(checkVersionBlocks(TEXT, ['1.31', '1.33', '1.36'])).toEqual([]);
    expect(checkVersionBlocks('::: only 1.32\n::: only 1.33\nx', ['1.33']).map((p) => [p.line, p.message])).toEqual([
      [1, '"::: only" names version "1.32", which this scenario does not run on'],
      [2, '"::: only" block inside the block opened on line 1'],
      [2, '"::: only" block is never closed'],
    ]);
    expect(checkVersionBlocks('text\n:::\n', ['1.33'])).toEqual([{ line: 2, message: '":::" closes no block', fix: 'remove it, or open the block with "::: only VERSION"' }]);
  });

  it('takes a step title from its first heading', () => {
    expect(headingTitle('\n# Ask the kubelet\ntext')).toBe('Ask the kubelet');
    expect(headingTitle('No heading\n# Later')).toBeUndefined();
  });
});
