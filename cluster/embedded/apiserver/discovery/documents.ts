// Every discovery document of one catalog, serialized once: serving is a map lookup plus the
// Accept negotiation. Same catalog and address in, same bytes out.

import { createHash } from 'node:crypto';
import type { ResourceCatalog } from '../catalog/catalog.js';
import { ApiError } from '../status.js';
import { aggregatedDiscovery, type AggregatedVersion, type DiscoveryRoot } from './aggregated.js';
import { apiGroup, apiGroupList, apiResourceList, apiVersions } from './legacy.js';
import { negotiateDiscovery } from './negotiate.js';
import { AGGREGATED_DISCOVERY_VERSIONS } from './served-versions.js';

export interface DiscoveryResponse {
  contentType: string;
  body: Buffer;
  /** Aggregated documents only, quoted, as kube-apiserver sends it. */
  etag?: string;
}

export interface DiscoveryOptions {
  /** host:port advertised in /api's serverAddressByClientCIDRs, e.g. "172.18.0.2:6443". */
  serverAddress?: string;
}

/** kube-apiserver's default secure port on the loopback address. */
const DEFAULT_SERVER_ADDRESS = '127.0.0.1:6443';

const built = new WeakMap<ResourceCatalog, Map<string, DiscoveryDocuments>>();

/** The discovery documents of a catalog, built on first use and shared afterwards. */
export function discoveryFor(catalog: ResourceCatalog, options: DiscoveryOptions = {}): DiscoveryDocuments {
  const address = options.serverAddress ?? DEFAULT_SERVER_ADDRESS;
  let byAddress = built.get(catalog);
  if (!byAddress) built.set(catalog, (byAddress = new Map()));
  let docs = byAddress.get(address);
  if (!docs) byAddress.set(address, (docs = new DiscoveryDocuments(catalog, address)));
  return docs;
}

export class DiscoveryDocuments {
  private readonly legacy = new Map<string, Buffer>();
  private readonly aggregated = new Map<string, { body: Buffer; etag: string }>();
  private readonly aggregatedVersions: readonly AggregatedVersion[];

  constructor(catalog: ResourceCatalog, serverAddress: string) {
    this.aggregatedVersions = AGGREGATED_DISCOVERY_VERSIONS[catalog.kubeVersion];
    this.legacy.set('/api', toJson(apiVersions(serverAddress)));
    this.legacy.set('/apis', toJson(apiGroupList(catalog)));
    for (const group of catalog.groups()) {
      const prefix = group.name === '' ? '/api' : `/apis/${group.name}`;
      if (group.name !== '') this.legacy.set(prefix, toJson(apiGroup(group)));
      for (const version of group.versions) {
        this.legacy.set(`${prefix}/${version}`, toJson(apiResourceList(catalog, group.name, version)));
      }
    }
    for (const root of ['api', 'apis'] as const) {
      for (const version of this.aggregatedVersions) {
        const body = toJson(aggregatedDiscovery(catalog, root, version));
        const etag = `"${createHash('sha512').update(body).digest('hex').toUpperCase()}"`;
        this.aggregated.set(aggregatedKey(root, version), { body, etag });
      }
    }
  }

  /**
   * The document for a discovery path (without query string) in the representation the Accept
   * header asks for; undefined if the path is not a discovery path. Throws a 406 ApiError when
   * nothing in Accept can be served. Write the body bytes as they are, with the content type.
   */
  serve(path: string, accept: string | undefined): DiscoveryResponse | undefined {
    const legacyBody = this.legacy.get(path);
    if (!legacyBody) return undefined;
    const root: DiscoveryRoot | undefined = path === '/api' ? 'api' : path === '/apis' ? 'apis' : undefined;
    const choice = negotiateDiscovery(accept, root ? this.aggregatedVersions : []);
    switch (choice.format) {
      case 'legacy':
        return { contentType: choice.contentType, body: legacyBody };
      case 'aggregated': {
        // Only /api and /apis offer aggregated versions, so root is set here.
        const doc = root && this.aggregated.get(aggregatedKey(root, choice.version));
        if (!doc) throw new Error(`aggregated discovery ${choice.version} was negotiated but not built`);
        return { contentType: choice.contentType, body: doc.body, etag: doc.etag };
      }
      case 'notAcceptable':
        throw new ApiError(406, 'NotAcceptable', 'only the following media types are accepted: application/json');
    }
  }
}

function aggregatedKey(root: DiscoveryRoot, version: AggregatedVersion): string {
  return `${root} ${version}`;
}

function toJson(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}
