// What the emulated container runtime answers when the kubelet pulls an image. No registry stands
// behind the embedded cluster, so one deterministic rule decides: an image whose registry lies
// under a top-level domain that never resolves (RFC 2606 / RFC 6761: .invalid, .test, .example)
// fails as containerd fails a name lookup on a kind node; every other image pulls. The texts are
// containerd's (client.Pull through the docker resolver) and the kubelet's (pkg/kubelet/images).

import type { KubeVersion } from '../../../versions.js';
import { goQuote } from '../authorization/go-quote.js';

/** Top-level domains no resolver answers for (RFC 2606 section 2, RFC 6761 section 6). */
const UNRESOLVABLE_TLDS: ReadonlySet<string> = new Set(['invalid', 'test', 'example']);

/** A kind node resolves through the Docker network's gateway (kind's entrypoint rewrites resolv.conf). */
const NODE_NAMESERVER = '172.18.0.1:53';

/**
 * kubernetes PR #127918 (v1.32): while backing off, the waiting message repeats the error of the
 * last pull ("Back-off pulling image X: ErrImagePull: <error>"); before, it named the image only.
 */
const BACKOFF_REPEATS_PULL_ERROR: Readonly<Record<KubeVersion, boolean>> = { '1.31': false, '1.33': true, '1.36': true };

/** A docker reference, normalized as containerd's ParseDockerRef does (docker.io, library/). */
interface ImageReference {
  domain: string;
  repository: string;
  tag?: string;
  digest?: string;
}

function parseReference(image: string): ImageReference {
  const [nameAndTag = '', digest] = image.split('@', 2);
  const slash = nameAndTag.indexOf('/');
  const first = nameAndTag.slice(0, slash);
  // reference.splitDomain: the first component is a registry if it looks like a host.
  const hasDomain = slash > 0 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  const domain = hasDomain ? first : 'docker.io';
  let path = hasDomain ? nameAndTag.slice(slash + 1) : nameAndTag;
  const colon = path.lastIndexOf(':');
  const tag = colon > path.lastIndexOf('/') ? path.slice(colon + 1) : undefined;
  if (tag !== undefined) path = path.slice(0, colon);
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  return { domain, repository: path, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** The image as the runtime names it: "nginx" → "docker.io/library/nginx:latest". */
export function qualifiedImage(image: string): string {
  const ref = parseReference(image);
  const name = `${ref.domain}/${ref.repository}`;
  return ref.digest ? `${name}@${ref.digest}` : `${name}:${ref.tag ?? 'latest'}`;
}

/** The repository part of a repo digest ("docker.io/library/nginx" for "nginx:1.27"). */
export function imageRepository(image: string): string {
  const ref = parseReference(image);
  return `${ref.domain}/${ref.repository}`;
}

/** The pull error the kubelet gets from the CRI for this image, or undefined when it pulls. */
export function pullError(image: string): string | undefined {
  const ref = parseReference(image);
  const host = ref.domain.replace(/:\d+$/, '').toLowerCase();
  const tld = host.slice(host.lastIndexOf('.') + 1);
  if (!UNRESOLVABLE_TLDS.has(tld)) return undefined;
  const normalized = qualifiedImage(image);
  const manifest = `https://${ref.domain}/v2/${ref.repository}/manifests/${ref.digest ?? ref.tag ?? 'latest'}`;
  return (
    `rpc error: code = Unknown desc = failed to pull and unpack image ${goQuote(normalized)}: ` +
    `failed to resolve reference ${goQuote(normalized)}: failed to do request: Head ${goQuote(manifest)}: ` +
    `dial tcp: lookup ${host} on ${NODE_NAMESERVER}: no such host`
  );
}

/** The waiting message of a container whose image the kubelet is backing off from pulling. */
export function backOffMessage(image: string, lastPullError: string, release: KubeVersion | undefined): string {
  const message = `Back-off pulling image ${goQuote(image)}`;
  // Without a known release, answer as the current kubelet does.
  return release === undefined || BACKOFF_REPEATS_PULL_ERROR[release] ? `${message}: ErrImagePull: ${lastPullError}` : message;
}

/** ErrImageNeverPull: imagePullPolicy Never and the image is not on the node. */
export function neverPullMessage(image: string): string {
  return `Container image ${goQuote(image)} is not present with pull policy of Never`;
}
