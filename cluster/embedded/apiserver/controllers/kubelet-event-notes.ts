// What a kubelet's events say at each step of starting and stopping a container, per release:
// reasons from pkg/kubelet/events/event.go, messages from pkg/kubelet/images/image_manager.go
// (EnsureImageExists, pullImage) and pkg/kubelet/kuberuntime/kuberuntime_container.go
// (startContainer, killContainer). Which step a container reached is read from the status the
// emulated kubelet wrote, so the events always agree with `kubectl get pods`.

import { createHash } from 'node:crypto';
import { FEATURE_GATES } from '../../../feature-gates.js';
import type { KubeVersion } from '../../../versions.js';
import { goQuote } from '../authorization/go-quote.js';
import type { EventNote } from './event-recorder.js';
import { qualifiedImage } from './image-pull.js';

export interface ContainerSpec {
  name: string;
  image: string;
  imagePullPolicy?: string;
}

/** The waiting state the kubelet reported for a container, if it did not start. */
export interface Waiting {
  reason: string;
  message?: string;
}

/**
 * startContainer's Created and Started messages. 1.32 turned "Created container %s" into
 * "Created container: %v" (go vet's non-constant format strings, kubernetes#127191); 1.35 dropped
 * the name from both, the event's fieldPath naming the container already (kubernetes#134043).
 */
const CONTAINER_MESSAGES: Readonly<Record<KubeVersion, { created(name: string): string; started(name: string): string }>> = {
  '1.31': { created: (name) => `Created container ${name}`, started: (name) => `Started container ${name}` },
  '1.33': { created: (name) => `Created container: ${name}`, started: (name) => `Started container ${name}` },
  '1.36': { created: () => 'Container created', started: () => 'Container started' },
};

/** Without a known release, answer as the newest kubelet does. */
const NEWEST: KubeVersion = '1.36';

const normal = (reason: string, message: string): EventNote => ({ type: 'Normal', reason, message });
const warning = (reason: string, message: string): EventNote => ({ type: 'Warning', reason, message });

/** shouldPullImage: Always pulls, IfNotPresent pulls what the node lacks, Never never pulls. */
function mustPull(policy: string | undefined, present: boolean): boolean {
  return policy === 'Always' || (policy !== 'Never' && !present);
}

/** The notes of the kubelet's first sync of a container: pull (or not), then create and start. */
export function firstSyncNotes(c: ContainerSpec, waiting: Waiting | undefined, present: boolean, release: KubeVersion | undefined): EventNote[] {
  const image = goQuote(c.image);
  if (waiting?.reason === 'ErrImageNeverPull') return neverPullNotes(waiting);
  if (waiting?.reason === 'ErrImagePull') {
    return [normal('Pulling', `Pulling image ${image}`), warning('Failed', `Failed to pull image ${image}: ${waiting.message ?? ''}`), warning('Failed', 'Error: ErrImagePull')];
  }
  const pull = mustPull(c.imagePullPolicy, present)
    ? [normal('Pulling', `Pulling image ${image}`), normal('Pulled', pulledMessage(c.image, present))]
    : [normal('Pulled', alreadyPresentMessage(c.image, release))];
  const messages = CONTAINER_MESSAGES[release ?? NEWEST];
  return [...pull, normal('Created', messages.created(c.name)), normal('Started', messages.started(c.name))];
}

/**
 * The notes of each later sync of a container that did not start: the image back-off (the event
 * names the image only; the status message of 1.32+ repeats the pull error), or Never again.
 */
export function retrySyncNotes(c: ContainerSpec, waiting: Waiting): EventNote[] {
  if (waiting.reason === 'ErrImageNeverPull') return neverPullNotes(waiting);
  if (waiting.reason === 'ImagePullBackOff') return [normal('BackOff', `Back-off pulling image ${goQuote(c.image)}`), warning('Failed', 'Error: ImagePullBackOff')];
  return [];
}

/** Whether a later sync of the pod's worker reports this waiting container again. */
export function retriesSync(waiting: Waiting | undefined): boolean {
  return waiting?.reason === 'ImagePullBackOff' || waiting?.reason === 'ErrImageNeverPull';
}

/** killContainer without a reason of its own (a deleted pod). */
export function killingNote(c: ContainerSpec): EventNote {
  return normal('Killing', `Stopping container ${c.name}`);
}

function neverPullNotes(waiting: Waiting): EventNote[] {
  return [warning('ErrImageNeverPull', waiting.message ?? ''), warning('Failed', 'Error: ErrImageNeverPull')];
}

/**
 * "already present on machine"; with KubeletEnsureSecretPulledImages (on by default since 1.35)
 * the image pull manager has also checked that this pod may use it.
 */
function alreadyPresentMessage(image: string, release: KubeVersion | undefined): string {
  const checked = FEATURE_GATES[release ?? NEWEST]['KubeletEnsureSecretPulledImages']?.default === true;
  return `Container image ${goQuote(image)} already present on machine${checked ? ' and can be accessed by the pod' : ''}`;
}

/**
 * No registry stands behind the embedded cluster, so the pull's duration and the image's size are
 * derived from the image name: the same image always "weighs" the same, and pulling an image the
 * node already has is quick, as containerd only resolves its manifest then.
 */
function pulledMessage(image: string, present: boolean): string {
  const hash = createHash('sha256').update(qualifiedImage(image)).digest().readUInt32BE(0);
  const ms = present ? 300 + (hash % 1000) : 1500 + (hash % 7000);
  const size = 2_000_000 + (hash % 148_000_000);
  const took = goDuration(ms);
  return `Successfully pulled image ${goQuote(image)} in ${took} (${took} including waiting). Image size: ${size} bytes.`;
}

/** time.Duration.String of a whole number of milliseconds: "830ms", "3.877s", "1m2.5s". */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const minutes = Math.floor(ms / 60_000);
  const rest = ms - minutes * 60_000;
  const seconds = `${Math.floor(rest / 1000)}${rest % 1000 ? `.${String(rest % 1000).padStart(3, '0').replace(/0+$/, '')}` : ''}s`;
  return minutes ? `${minutes}m${seconds}` : seconds;
}
