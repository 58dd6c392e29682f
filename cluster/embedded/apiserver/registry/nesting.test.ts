import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, MAX_YAML_DEPTH, jsonTooDeep, yamlNestingBound, yamlTooDeep } from './nesting.js';

describe('the nesting guards', () => {
  it('measures flow and block nesting of ordinary manifests', () => {
    expect(yamlNestingBound('a: 1\n')).toBe(0);
    expect(yamlNestingBound('rules:\n- apiGroups: [""]\n  resources: ["pods"]\n')).toBeLessThan(10);
    expect(yamlNestingBound('a: "[[[[[[" # [[[[\nb: \'{{{{\'\n')).toBe(0); // quotes and comments do not nest
  });

  it('refuses what would overflow the parser, before parsing it', () => {
    expect(yamlTooDeep('['.repeat(MAX_YAML_DEPTH))).toBeUndefined();
    expect(yamlTooDeep('['.repeat(5000))).toBe(`error converting YAML to JSON: yaml: exceeded max depth of ${MAX_YAML_DEPTH}`);
    const block = Array.from({ length: 400 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
    expect(yamlTooDeep(block)).toBeDefined();
    expect(yamlTooDeep('- '.repeat(400) + 'x')).toBeDefined();
  });

  it('refuses JSON nested past the limit, ignoring brackets inside strings', () => {
    expect(jsonTooDeep(`{"a":"${'['.repeat(5000)}"}`)).toBeUndefined();
    expect(jsonTooDeep('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBeUndefined();
    expect(jsonTooDeep(`{"data":${'['.repeat(MAX_JSON_DEPTH)}`)).toBe("couldn't get version/kind; json parse error: invalid character '[' exceeded max depth");
  });
});
