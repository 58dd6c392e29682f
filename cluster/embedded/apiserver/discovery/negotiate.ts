// Picks the discovery representation from the Accept header, as kube-apiserver's
// aggregated-discovery wrapper does: clauses by descending q (then the more specific first);
// the first clause the server can satisfy wins. A clause asking for APIGroupDiscoveryList is
// only satisfiable in an aggregated version this release serves. The Content-Type is
// load-bearing: kubectl reads the aggregated body only under the exact aggregated type.

import type { AggregatedVersion } from './aggregated.js';

export type DiscoveryRepresentation =
  | { format: 'legacy'; contentType: 'application/json' }
  | { format: 'aggregated'; version: AggregatedVersion; contentType: string }
  | { format: 'notAcceptable' };

interface AcceptClause {
  type: string;
  subtype: string;
  params: Map<string, string>;
  q: number;
}

const LEGACY: DiscoveryRepresentation = { format: 'legacy', contentType: 'application/json' };

/** An absent or empty Accept header means anything goes: legacy JSON. */
export function negotiateDiscovery(
  accept: string | undefined,
  servedAggregated: readonly AggregatedVersion[],
): DiscoveryRepresentation {
  if (accept === undefined || accept.trim() === '') return LEGACY;
  for (const clause of parseAccept(accept)) {
    if (!matchesJson(clause)) continue;
    if (!clause.params.has('as')) return LEGACY;
    const version = servedAggregated.find((v) => v === clause.params.get('v'));
    if (
      version &&
      clause.params.get('g') === 'apidiscovery.k8s.io' &&
      clause.params.get('as') === 'APIGroupDiscoveryList'
    ) {
      return { format: 'aggregated', version, contentType: aggregatedContentType(version) };
    }
  }
  return { format: 'notAcceptable' };
}

export function aggregatedContentType(version: AggregatedVersion): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}

function matchesJson(c: AcceptClause): boolean {
  if (c.type === '*') return c.subtype === '*';
  return c.type === 'application' && (c.subtype === 'json' || c.subtype === '*');
}

/** RFC 9110 Accept, sorted the way goautoneg sorts it; q=0 clauses are dropped. */
export function parseAccept(header: string): AcceptClause[] {
  const clauses: AcceptClause[] = [];
  for (const part of header.split(',')) {
    const [range = '', ...rawParams] = part.split(';').map((s) => s.trim());
    const [type = '', subtype = ''] = range.toLowerCase().split('/');
    if (!type || !subtype) continue;
    const params = new Map<string, string>();
    let q = 1;
    for (const p of rawParams) {
      const eq = p.indexOf('=');
      if (eq < 0) continue;
      const name = p.slice(0, eq).trim().toLowerCase();
      const value = p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
      if (name === 'q') q = Number.parseFloat(value);
      else params.set(name, value);
    }
    if (Number.isFinite(q) && q > 0) clauses.push({ type, subtype, params, q });
  }
  const wildcards = (c: AcceptClause) => (c.type === '*' ? 2 : 0) + (c.subtype === '*' ? 1 : 0);
  return clauses.sort((a, b) => b.q - a.q || wildcards(a) - wildcards(b));
}
