import { describe, expect, it } from 'vitest';
import { exportHref } from './api.js';

describe('exportHref', () => {
  it('points at the class export routes, the class id escaped', () => {
    expect(exportHref('c1', 'csv')).toBe('/api/classes/c1/export.csv');
    expect(exportHref('a/b?c', 'json')).toBe('/api/classes/a%2Fb%3Fc/export.json');
  });
});
