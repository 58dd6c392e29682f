import { describe, expect, it } from 'vitest';
import { firstSyncNotes, goDuration, killingNote, retriesSync, retrySyncNotes } from './kubelet-event-notes.js';
import { pullError } from './image-pull.js';

const web = { name: 'web', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' };
const line = (n: { type: string; reason: string; message: string }) => `${n.type} ${n.reason}: ${n.message}`;

describe('firstSyncNotes', () => {
  it('pulls a missing image, then creates and starts the container, in each release\'s words', () => {
    const notes = (release: '1.31' | '1.33' | '1.36') => firstSyncNotes(web, undefined, false, release).map(line);
    const pulled = notes('1.36')[1]!;
    expect(pulled).toMatch(/^Normal Pulled: Successfully pulled image "nginx:1\.27" in (\d+(\.\d+)?s|\d+ms) \(\1 including waiting\)\. Image size: \d+ bytes\.$/);
    expect(notes('1.31')).toEqual(['Normal Pulling: Pulling image "nginx:1.27"', pulled, 'Normal Created: Created container web', 'Normal Started: Started container web']);
    expect(notes('1.33')).toEqual(['Normal Pulling: Pulling image "nginx:1.27"', pulled, 'Normal Created: Created container: web', 'Normal Started: Started container web']);
    expect(notes('1.36')).toEqual(['Normal Pulling: Pulling image "nginx:1.27"', pulled, 'Normal Created: Container created', 'Normal Started: Container started']);
  });

  it('reuses an image the node has unless the policy is Always, which pulls again, quickly', () => {
    expect(firstSyncNotes(web, undefined, true, '1.33').map(line)[0]).toBe('Normal Pulled: Container image "nginx:1.27" already present on machine');
    // KubeletEnsureSecretPulledImages (on since 1.35) checks the pod may use the image.
    expect(firstSyncNotes(web, undefined, true, '1.36').map(line)[0]).toBe('Normal Pulled: Container image "nginx:1.27" already present on machine and can be accessed by the pod');

    const always = { ...web, imagePullPolicy: 'Always' };
    const [pulling, again] = firstSyncNotes(always, undefined, true, '1.36');
    const [, first] = firstSyncNotes(always, undefined, false, '1.36');
    expect(pulling?.reason).toBe('Pulling');
    const size = (m: string | undefined) => /Image size: (\d+) bytes/.exec(m ?? '')?.[1];
    expect(size(again?.message)).toBe(size(first?.message));
    expect(again?.message).not.toBe(first?.message);
  });

  it('reports a failed pull three times: pulling, the runtime\'s error, then ErrImagePull', () => {
    const image = 'registry.invalid/app:1';
    const notes = firstSyncNotes({ name: 'app', image }, { reason: 'ErrImagePull', message: pullError(image) }, false, '1.31').map(line);
    expect(notes).toEqual([
      'Normal Pulling: Pulling image "registry.invalid/app:1"',
      `Warning Failed: Failed to pull image "registry.invalid/app:1": ${pullError(image)}`,
      'Warning Failed: Error: ErrImagePull',
    ]);
  });

  it('reports an image that may not be pulled with the kubelet\'s message, then ErrImageNeverPull', () => {
    const waiting = { reason: 'ErrImageNeverPull', message: 'Container image "registry.invalid/app:1" is not present with pull policy of Never' };
    const notes = firstSyncNotes({ name: 'app', image: 'registry.invalid/app:1', imagePullPolicy: 'Never' }, waiting, false, '1.36').map(line);
    expect(notes).toEqual([`Warning ErrImageNeverPull: ${waiting.message}`, 'Warning Failed: Error: ErrImageNeverPull']);
  });
});

describe('retrySyncNotes', () => {
  it('names the image only while backing off (the status message may say more), then ImagePullBackOff', () => {
    const waiting = { reason: 'ImagePullBackOff', message: 'Back-off pulling image "registry.invalid/app:1": ErrImagePull: rpc error: ...' };
    expect(retriesSync(waiting)).toBe(true);
    expect(retrySyncNotes({ name: 'app', image: 'registry.invalid/app:1' }, waiting).map(line)).toEqual([
      'Normal BackOff: Back-off pulling image "registry.invalid/app:1"',
      'Warning Failed: Error: ImagePullBackOff',
    ]);
  });

  it('has nothing to say of a container still in its first ErrImagePull', () => {
    expect(retriesSync({ reason: 'ErrImagePull' })).toBe(false);
    expect(retrySyncNotes({ name: 'app', image: 'x' }, { reason: 'ErrImagePull' })).toEqual([]);
  });
});

describe('killingNote', () => {
  it('is the kubelet\'s default kill message', () => {
    expect(line(killingNote(web))).toBe('Normal Killing: Stopping container web');
  });
});

describe('goDuration', () => {
  it('prints milliseconds as time.Duration.String does', () => {
    expect([830, 1000, 1500, 3877, 61_234, 120_000].map(goDuration)).toEqual(['830ms', '1s', '1.5s', '3.877s', '1m1.234s', '2m0s']);
  });
});
