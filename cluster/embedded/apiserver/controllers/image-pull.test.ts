import { describe, expect, it } from 'vitest';
import { backOffMessage, imageRepository, pullError, qualifiedImage } from './image-pull.js';

describe('the emulated runtime\'s image pulls', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['bitnami/kubectl:1.31', 'docker.io/bitnami/kubectl:1.31'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'],
    ['localhost:5001/app', 'localhost:5001/app:latest'],
    ['quay.io/app@sha256:0123', 'quay.io/app@sha256:0123'],
  ])('names %s as the runtime does: %s', (image, qualified) => {
    expect(qualifiedImage(image)).toBe(qualified);
  });

  it('keeps a registry port out of the repository of a repo digest', () => {
    expect(imageRepository('localhost:5001/team/app:2')).toBe('localhost:5001/team/app');
  });

  it.each(['nginx:1.27', 'registry.example.com/app:1', 'localhost:5001/app', 'invalid/app:1'])('pulls %s', (image) => {
    expect(pullError(image)).toBeUndefined();
  });

  it.each([
    ['registry.invalid/nope:1', 'registry.invalid/nope:1', 'https://registry.invalid/v2/nope/manifests/1', 'registry.invalid'],
    ['Mirror.TEST:5000/team/app', 'Mirror.TEST:5000/team/app:latest', 'https://Mirror.TEST:5000/v2/team/app/manifests/latest', 'mirror.test'],
    ['images.example/app@sha256:ab', 'images.example/app@sha256:ab', 'https://images.example/v2/app/manifests/sha256:ab', 'images.example'],
  ])('fails %s as a name lookup of a reserved top-level domain fails', (image, ref, url, host) => {
    expect(pullError(image)).toBe(
      `rpc error: code = Unknown desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ` +
        `failed to do request: Head "${url}": dial tcp: lookup ${host} on 172.18.0.1:53: no such host`,
    );
  });

  it('names the image as the pod spec does in the back-off message, with the last error from v1.32 on', () => {
    expect(backOffMessage('registry.invalid/nope', 'boom', '1.31')).toBe('Back-off pulling image "registry.invalid/nope"');
    expect(backOffMessage('registry.invalid/nope', 'boom', '1.33')).toBe('Back-off pulling image "registry.invalid/nope": ErrImagePull: boom');
  });
});
