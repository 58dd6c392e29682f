// The OpenAPI v3 endpoints of one catalog: the /openapi/v3 index, pointing at one document per
// group version by a content hash, and the documents themselves. Everything is serialized once.
// kubectl 1.31–1.33 ask for JSON only (client-go's openapi3 root requests application/json),
// so protobuf is not offered.

import { createHash } from 'node:crypto';
import { VERSIONS } from '../../../versions.js';
import { sortedByKey } from '../catalog/byte-order.js';
import type { ResourceCatalog } from '../catalog/catalog.js';
import { parseAccept } from '../discovery/negotiate.js';
import { ApiError } from '../status.js';
import { groupVersionDocument } from './gv-document.js';

export const OPENAPI_V3_ROOT = '/openapi/v3';

export type OpenApiResponse =
  | {
      status: 200;
      contentType: 'application/json';
      body: Buffer;
      /** Quoted, as kube-openapi sends it. */
      etag: string;
      /** Set when the request named the current hash: the bytes behind that URL never change. */
      immutable: boolean;
    }
  /** The request named an outdated hash: kube-openapi redirects to the current one. */
  | { status: 301; location: string };

interface Document {
  body: Buffer;
  hash: string;
}

const built = new WeakMap<ResourceCatalog, OpenApiDocuments>();

/** The OpenAPI v3 documents of a catalog, built on first use and shared afterwards. */
export function openApiFor(catalog: ResourceCatalog): OpenApiDocuments {
  let docs = built.get(catalog);
  if (!docs) built.set(catalog, (docs = new OpenApiDocuments(catalog)));
  return docs;
}

export class OpenApiDocuments {
  private readonly documents = new Map<string, Document>();
  private readonly root: Document;

  constructor(catalog: ResourceCatalog) {
    const serverVersion = VERSIONS[catalog.kubeVersion].gitVersion;
    const index: Record<string, { serverRelativeURL: string }> = {};
    for (const group of catalog.groups()) {
      for (const version of group.versions) {
        const key = group.name === '' ? `api/${version}` : `apis/${group.name}/${version}`;
        const doc = serialize(groupVersionDocument(catalog, group.name, version, serverVersion));
        this.documents.set(key, doc);
        index[key] = { serverRelativeURL: serverRelativeURL(key, doc.hash) };
      }
    }
    this.root = serialize({ paths: sortedByKey(index) });
  }

  /**
   * Serves /openapi/v3 and /openapi/v3/<api/v1|apis/group/version>; undefined for other paths.
   * Throws a 406 ApiError when the Accept header rules out JSON.
   */
  serve(path: string, query?: URLSearchParams, accept?: string): OpenApiResponse | undefined {
    const doc = this.documentAt(path);
    if (!doc) return undefined;
    if (!acceptsJson(accept)) {
      throw new ApiError(406, 'NotAcceptable', 'only the following media types are accepted: application/json');
    }
    const requestedHash = query?.get('hash');
    if (doc !== this.root && requestedHash && requestedHash !== doc.hash) {
      return { status: 301, location: serverRelativeURL(documentKey(path), doc.hash) };
    }
    return {
      status: 200,
      contentType: 'application/json',
      body: doc.body,
      etag: `"${doc.hash}"`,
      immutable: doc !== this.root && requestedHash === doc.hash,
    };
  }

  private documentAt(path: string): Document | undefined {
    if (path === OPENAPI_V3_ROOT) return this.root;
    return path.startsWith(`${OPENAPI_V3_ROOT}/`) ? this.documents.get(documentKey(path)) : undefined;
  }
}

/** "/openapi/v3/apis/apps/v1" → "apis/apps/v1". */
function documentKey(path: string): string {
  return path.slice(OPENAPI_V3_ROOT.length + 1);
}

function serverRelativeURL(key: string, hash: string): string {
  return `${OPENAPI_V3_ROOT}/${key}?hash=${hash}`;
}

/** kube-openapi's hash: SHA-512 of the JSON bytes, upper-case hex. */
function serialize(value: unknown): Document {
  const body = Buffer.from(JSON.stringify(value));
  return { body, hash: createHash('sha512').update(body).digest('hex').toUpperCase() };
}

function acceptsJson(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return parseAccept(accept).some(
    (c) => (c.type === '*' && c.subtype === '*') || (c.type === 'application' && (c.subtype === 'json' || c.subtype === '*')),
  );
}
