// coordination.k8s.io Leases (node heartbeats, leader election): printers.go's printLease.

import { translateTimestampSince } from './human-duration.js';
import type { ResourcePrinter } from './printer.js';
import { ageColumn, column, nameColumn, nameOf } from './printer.js';

export const leasePrinter: ResourcePrinter = {
  source: 'printer',
  columns: [
    nameColumn,
    column(
      'Holder',
      'string',
      'holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.',
    ),
    ageColumn,
  ],
  printRow(obj, { now }) {
    const holder = (obj.spec as { holderIdentity?: string } | undefined)?.holderIdentity ?? '';
    return { cells: [nameOf(obj), holder, translateTimestampSince(obj.metadata.creationTimestamp, now)] };
  },
};
