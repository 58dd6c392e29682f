// The option decoding, validation and location rules of the pod subresources, checked against
// the texts kube-apiserver answers with (the end-to-end side is test/fidelity/pod-exec-logs.test.ts).

import { describe, expect, it } from 'vitest';
import { ApiError } from '../status.js';
import type { KubeObject } from '../types.js';
import { requireNode, validateContainer, type LocatedPod } from './locate.js';
import { decodePodLogOptions, kubeletLogQuery, validatePodLogOptions } from './log-options.js';
import { queryBool, queryTime } from './query-params.js';
import { decodeStreamOptions, kubeletStreamTarget } from './stream-options.js';

const q = (s: string) => new URLSearchParams(s);

function failure(fn: () => unknown): { code: number; reason: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return { code: e.code, reason: e.reason, message: e.message };
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('query parameters as the parameter codec converts them', () => {
  it('a boolean is false only when absent, "0" or "false" in any case', () => {
    expect(['', 'true', '1', 'yes', 'f'].map((v) => queryBool(q(`follow=${v}`), 'follow'))).toEqual([true, true, true, true, true]);
    expect(['0', 'false', 'FALSE'].map((v) => queryBool(q(`follow=${v}`), 'follow'))).toEqual([false, false, false]);
    expect(queryBool(q(''), 'follow')).toBe(false);
  });

  it('times are RFC 3339, normalised to UTC seconds, with Go\'s parse errors', () => {
    expect(queryTime(q('t=2024-03-01T10:00:00.75%2B02:00'), 't')).toBe('2024-03-01T08:00:00Z');
    expect(failure(() => queryTime(q('t=2024-02-30T00:00:00Z'), 't')).message).toBe('parsing time "2024-02-30T00:00:00Z": day out of range');
    expect(failure(() => queryTime(q('t=2024-01-01 00:00:00Z'), 't')).message).toBe(
      'parsing time "2024-01-01 00:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse " 00:00:00Z" as "T"',
    );
    expect(failure(() => queryTime(q('t=2024-01-01T00:00:00Zjunk'), 't')).message).toBe('parsing time "2024-01-01T00:00:00Zjunk": extra text: "junk"');
  });
});

describe('PodLogOptions', () => {
  it('bad numbers are a 400 with strconv\'s text, the first field in struct order', () => {
    expect(failure(() => decodePodLogOptions(q('tailLines=x&sinceSeconds=y')))).toEqual({ code: 400, reason: 'BadRequest', message: 'strconv.ParseInt: parsing "y": invalid syntax' });
    expect(failure(() => decodePodLogOptions(q('limitBytes=99999999999999999999'))).message).toBe('strconv.ParseInt: parsing "99999999999999999999": value out of range');
  });

  it('validation is a 422 listing every field error', () => {
    const options = decodePodLogOptions(q('tailLines=-1&limitBytes=0&sinceSeconds=5&sinceTime=2024-01-01T00:00:00Z'));
    expect(failure(() => validatePodLogOptions('web', options))).toEqual({
      code: 422,
      reason: 'Invalid',
      message:
        'PodLogOptions "web" is invalid: [tailLines: Invalid value: -1: must be greater than or equal to 0, limitBytes: Invalid value: 0: must be greater than 0, : Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified]',
    });
    expect(failure(() => validatePodLogOptions('web', decodePodLogOptions(q('sinceSeconds=0')))).message).toBe(
      'PodLogOptions "web" is invalid: sinceSeconds: Invalid value: 0: must be greater than 0',
    );
  });

  it('the kubelet gets only what was set, keys sorted as url.Values.Encode sorts them', () => {
    const options = decodePodLogOptions(q('timestamps=true&tailLines=5&follow=1&container=a&sinceTime=2024-01-01T00:00:00Z'));
    expect(kubeletLogQuery(options)).toBe('follow=true&sinceTime=2024-01-01T00%3A00%3A00Z&tailLines=5&timestamps=true');
    expect(kubeletLogQuery(decodePodLogOptions(q('container=a')))).toBe('');
  });
});

describe('exec, attach and portforward options', () => {
  it('become the kubelet\'s internal parameter names, the command in order', () => {
    const exec = decodeStreamOptions('exec', q('command=sh&command=-c&command=echo%20hi&container=app&stdin=true&stdout=true&tty=false'));
    expect(kubeletStreamTarget('exec', 'ns', 'web', 'app', exec)).toBe('/exec/ns/web/app?command=sh&command=-c&command=echo+hi&input=1&output=1');
    const attach = decodeStreamOptions('attach', q('command=ignored&stderr=true&tty=true'));
    expect(kubeletStreamTarget('attach', 'ns', 'web', 'app', attach)).toBe('/attach/ns/web/app?error=1&tty=1');
  });

  it('ports may repeat or be comma-separated; the kubelet gets them joined', () => {
    const pf = decodeStreamOptions('portforward', q('ports=80,443&ports=8080'));
    expect(kubeletStreamTarget('portforward', 'ns', 'web', '', pf)).toBe('/portForward/ns/web?port=80%2C443%2C8080');
    expect(kubeletStreamTarget('portforward', 'ns', 'web', '', decodeStreamOptions('portforward', q('')))).toBe('/portForward/ns/web');
    expect(failure(() => decodeStreamOptions('portforward', q('ports=http'))).message).toBe('cannot convert to []int32: strconv.ParseUint: parsing "http": invalid syntax');
  });
});

describe('locating the container and the node', () => {
  const located = (spec: Record<string, unknown>): LocatedPod => ({
    pod: { metadata: { name: 'web' }, spec } as KubeObject,
    namespace: 'ns',
    name: 'web',
    nodeName: (spec.nodeName as string | undefined) ?? '',
  });
  const containers = (...names: string[]) => names.map((name) => ({ name }));

  it('defaults to the only container and accepts init and ephemeral ones by name', () => {
    const pod = located({ containers: containers('app'), initContainers: containers('setup'), ephemeralContainers: containers('debugger') });
    expect(validateContainer(pod, '')).toBe('app');
    expect(validateContainer(pod, 'setup')).toBe('setup');
    expect(validateContainer(pod, 'debugger')).toBe('debugger');
    expect(failure(() => validateContainer(pod, 'nope'))).toEqual({ code: 400, reason: 'BadRequest', message: 'container nope is not valid for pod web' });
  });

  it('with several containers and none named, lists them all, init containers first', () => {
    const pod = located({ containers: containers('app', 'sidecar'), initContainers: containers('setup'), ephemeralContainers: containers('debugger') });
    expect(failure(() => validateContainer(pod, '')).message).toBe('a container name must be specified for pod web, choose one of: [setup app sidecar debugger]');
    expect(failure(() => validateContainer(located({}), '')).message).toBe('a container name must be specified for pod web');
  });

  it('a pod on no node has no host to stream from', () => {
    expect(failure(() => requireNode(located({ containers: containers('app') })))).toEqual({ code: 400, reason: 'BadRequest', message: 'pod web does not have a host assigned' });
    expect(requireNode(located({ nodeName: 'n1' }))).toBe('n1');
  });
});
