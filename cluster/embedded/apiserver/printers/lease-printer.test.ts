import { describe, expect, it } from 'vitest';
import { printerFor } from './columns.js';

describe('the Lease printer', () => {
  it('shows NAME, HOLDER and AGE, an empty holder for a released lease', () => {
    const printer = printerFor('coordination.k8s.io', 'leases');
    expect(printer.columns.map((c) => c.name)).toEqual(['Name', 'Holder', 'Age']);
    const now = new Date('2026-01-01T00:10:00Z');
    const lease = (holderIdentity?: string) => ({ metadata: { name: 'n1', creationTimestamp: '2026-01-01T00:00:00Z' }, spec: holderIdentity ? { holderIdentity } : {} });
    expect(printer.printRow(lease('n1'), { now }).cells).toEqual(['n1', 'n1', '10m']);
    expect(printer.printRow(lease(), { now }).cells).toEqual(['n1', '', '10m']);
  });
});
