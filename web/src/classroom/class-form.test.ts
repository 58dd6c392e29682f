import { describe, expect, it } from 'vitest';
import { commonVersions, newClassFrom } from './class-form.js';

const scenarios = [
  { id: 'a', versions: ['1.31', '1.33', '1.36'] },
  { id: 'b', versions: ['1.33', '1.36'] },
  { id: 'c', versions: ['1.31'] },
];

describe('commonVersions', () => {
  it('offers only the versions every picked scenario runs on', () => {
    expect(commonVersions(scenarios, ['a'])).toEqual(['1.31', '1.33', '1.36']);
    expect(commonVersions(scenarios, ['a', 'b'])).toEqual(['1.33', '1.36']);
    expect(commonVersions(scenarios, ['b', 'c'])).toEqual([]);
    expect(commonVersions(scenarios, [])).toEqual([]);
  });
});

describe('newClassFrom', () => {
  const input = { name: ' Tuesday ', scenarioIds: ['a'], versions: ['1.33'], examMinutes: '' };

  it('builds the request body, with no exam when the minutes are empty', () => {
    expect(newClassFrom(input)).toEqual({ spec: { name: 'Tuesday', scenarioIds: ['a'], versions: ['1.33'], examMinutes: null } });
    expect(newClassFrom({ ...input, examMinutes: '0.5' })).toEqual({ spec: { name: 'Tuesday', scenarioIds: ['a'], versions: ['1.33'], examMinutes: 0.5 } });
  });

  it('says what is missing or out of range before asking the server', () => {
    expect(newClassFrom({ ...input, name: '  ' })).toEqual({ problem: expect.stringContaining('name') });
    expect(newClassFrom({ ...input, name: 'x'.repeat(81) })).toEqual({ problem: expect.stringContaining('80') });
    expect(newClassFrom({ ...input, scenarioIds: [] })).toEqual({ problem: 'Pick at least one scenario.' });
    expect(newClassFrom({ ...input, versions: [] })).toEqual({ problem: expect.stringContaining('version') });
    for (const minutes of ['0', '0.05', '-3', '601', 'not a number']) {
      expect(newClassFrom({ ...input, examMinutes: minutes })).toEqual({ problem: expect.stringContaining('0.1 to 600 minutes') });
    }
  });
});
