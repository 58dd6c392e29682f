// The shared golden fixtures (../shared/fixtures beside the checkout, as CI lays it out), read by
// every golden-case test through one loader, with the kubelet case shape declared once.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KubeVersion } from '../../cluster/versions.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** ../shared/fixtures next to the repository; the developer machines' /work/shared as a fallback. */
export function fixturePath(name: string): string {
  const candidates = [join(REPO_ROOT, '..', 'shared', 'fixtures', name), join('/work/shared/fixtures', name)];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`golden fixture ${name} not found; looked in ${candidates.join(' and ')} (the shared/ folder beside the checkout)`);
  return found;
}

export function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8'));
}

export interface ExpectedKubeletAttribute {
  verb: string;
  resource: string;
  subresource: string;
  name: string;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
}

/** One case of kubelet-authz-cases.json. */
export interface KubeletGoldenCase {
  id: string;
  version: KubeVersion;
  featureGate: boolean | null;
  otherGates?: Record<string, boolean>;
  method: string;
  path: string;
  upgradeWebsocket: boolean;
  authFilterRuns: boolean;
  expectAttributes: ExpectedKubeletAttribute[];
  /** Only verb and subresource: what the kubelet would ask for had the request reached it. */
  attributesIfEverComputed?: Pick<ExpectedKubeletAttribute, 'verb' | 'subresource'>[];
  routing: string;
  unsure?: boolean;
}

export function kubeletGoldenCases(): KubeletGoldenCase[] {
  return readFixture('kubelet-authz-cases.json') as KubeletGoldenCase[];
}
