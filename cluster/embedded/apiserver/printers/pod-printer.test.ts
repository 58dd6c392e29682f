import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.js';
import { podPrinter } from './pod-printer.js';
import { kubeSystemPods, NOW, otherPods } from './testdata/kind-cluster.js';

const now = NOW;
const created = new Date(now.getTime() - 3 * 60 * 1000).toISOString();
const minutesAgo = (n: number): string => new Date(now.getTime() - n * 60 * 1000).toISOString();

function pod(spec: object, status: object, metadata: object = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'dev', creationTimestamp: created, ...metadata }, spec, status };
}

const oneContainer = { containers: [{ name: 'app' }], nodeName: 'kind-control-plane' };
const running = { running: { startedAt: created } };

/** NAME READY STATUS RESTARTS AGE, the default columns. */
function defaultCells(obj: KubeObject): unknown[] {
  return podPrinter.printRow(obj, { now }).cells.slice(0, 5);
}

function status(obj: KubeObject): unknown {
  return podPrinter.printRow(obj, { now }).cells[2];
}

describe('pod columns', () => {
  it('has the upstream columns, the last four only for -o wide', () => {
    expect(podPrinter.columns.map((c) => [c.name, c.type, c.priority])).toEqual([
      ['Name', 'string', 0],
      ['Ready', 'string', 0],
      ['Status', 'string', 0],
      ['Restarts', 'string', 0],
      ['Age', 'string', 0],
      ['IP', 'string', 1],
      ['Node', 'string', 1],
      ['Nominated Node', 'string', 1],
      ['Readiness Gates', 'string', 1],
    ]);
    expect(podPrinter.columns[0]?.format).toBe('name');
  });

  it('prints a running kube-system pod of a kind cluster, wide cells included', () => {
    const etcd = kubeSystemPods.find((p) => p.metadata.name === 'etcd-kind-control-plane');
    expect(etcd && podPrinter.printRow(etcd, { now })).toEqual({
      cells: ['etcd-kind-control-plane', '1/1', 'Running', '0', '25m', '172.18.0.2', 'kind-control-plane', '<none>', '<none>'],
    });
  });

  it('prints restarts with the age of the last one', () => {
    const kindnet = kubeSystemPods.find((p) => p.metadata.name?.startsWith('kindnet'));
    expect(kindnet && defaultCells(kindnet)).toEqual(['kindnet-7h2xq', '1/1', 'Running', '1 (24m ago)', '25m']);
    const crashy = otherPods.find((p) => p.metadata.name === 'crashy');
    expect(crashy && defaultCells(crashy)).toEqual(['crashy', '0/1', 'CrashLoopBackOff', '5 (95s ago)', '9m12s']);
  });

  it('prints a bare restart count when no termination time is known', () => {
    const p = pod(oneContainer, {
      phase: 'Running',
      containerStatuses: [{ name: 'app', ready: true, restartCount: 2, state: running }],
    });
    expect(defaultCells(p)).toEqual(['p', '1/1', 'Running', '2', '3m']);
  });

  it('shows the phase while nothing is reported yet', () => {
    expect(status(pod(oneContainer, { phase: 'Pending' }))).toBe('Pending');
    expect(podPrinter.printRow(pod({ containers: [{ name: 'app' }] }, { phase: 'Pending' }), { now }).cells.slice(5)).toEqual([
      '<none>',
      '<none>',
      '<none>',
      '<none>',
    ]);
  });

  it('shows the waiting reason of a container being created', () => {
    const p = pod(oneContainer, {
      phase: 'Pending',
      containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }],
    });
    expect(defaultCells(p)).toEqual(['p', '0/1', 'ContainerCreating', '0', '3m']);
  });

  it('shows SchedulingGated for a pod held by scheduling gates', () => {
    const p = pod(oneContainer, {
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
    });
    expect(status(p)).toBe('SchedulingGated');
  });

  describe('init containers', () => {
    const twoInits = { ...oneContainer, initContainers: [{ name: 'migrate' }, { name: 'seed' }] };

    it('counts finished init containers: Init:1/2 while the second runs', () => {
      const p = pod(twoInits, {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'migrate', restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          { name: 'seed', restartCount: 0, state: running },
        ],
        containerStatuses: [{ name: 'app', restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
      });
      expect(defaultCells(p)).toEqual(['p', '0/1', 'Init:1/2', '0', '3m']);
    });

    it('reports the failing init container and counts init restarts', () => {
      const p = pod(twoInits, {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'migrate', restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } },
          { name: 'seed', restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } },
        ],
      });
      expect(defaultCells(p)).toEqual(['p', '0/1', 'Init:CrashLoopBackOff', '4', '3m']);
    });

    it.each([
      [{ exitCode: 1, reason: 'Error' }, 'Init:Error'],
      [{ exitCode: 2 }, 'Init:ExitCode:2'],
      [{ exitCode: 137, signal: 9 }, 'Init:Signal:9'],
    ])('prints a terminated init container %j as %s', (terminated, text) => {
      const p = pod(twoInits, {
        phase: 'Failed',
        initContainerStatuses: [{ name: 'migrate', restartCount: 0, state: { terminated } }],
      });
      expect(status(p)).toBe(text);
    });

    it('counts a started sidecar towards READY and its restarts once the pod is initialized', () => {
      const p = pod(
        { ...oneContainer, initContainers: [{ name: 'proxy', restartPolicy: 'Always' }] },
        {
          phase: 'Running',
          conditions: [{ type: 'Initialized', status: 'True' }],
          initContainerStatuses: [
            {
              name: 'proxy',
              ready: true,
              started: true,
              restartCount: 2,
              state: running,
              lastState: { terminated: { exitCode: 1, finishedAt: minutesAgo(2) } },
            },
          ],
          containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: running }],
        },
      );
      expect(defaultCells(p)).toEqual(['p', '2/2', 'Running', '2 (2m ago)', '3m']);
    });
  });

  describe('finished pods', () => {
    it('prints Completed and marks the row completed for a Succeeded pod', () => {
      const p = pod(oneContainer, {
        phase: 'Succeeded',
        containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
      });
      const row = podPrinter.printRow(p, { now });
      expect(row.cells.slice(1, 3)).toEqual(['0/1', 'Completed']);
      expect(row.conditions).toEqual([
        { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
      ]);
    });

    it('prints Error for a failed container and the pod reason for an evicted pod', () => {
      const failed = pod(oneContainer, {
        phase: 'Failed',
        containerStatuses: [{ name: 'app', restartCount: 0, state: { terminated: { exitCode: 1, reason: 'Error' } } }],
      });
      expect(status(failed)).toBe('Error');
      expect(podPrinter.printRow(failed, { now }).conditions?.[0]?.reason).toBe('Failed');
      expect(status(pod(oneContainer, { phase: 'Failed', reason: 'Evicted' }))).toBe('Evicted');
    });

    it('prints ExitCode/Signal for a terminated container without a reason', () => {
      const p = pod(oneContainer, {
        phase: 'Failed',
        containerStatuses: [{ name: 'app', restartCount: 0, state: { terminated: { exitCode: 143, signal: 15 } } }],
      });
      expect(status(p)).toBe('Signal:15');
    });

    it('keeps a pod with one finished and one running container Running, or NotReady when not ready', () => {
      const statuses = [
        { name: 'app', ready: true, restartCount: 0, state: running },
        { name: 'job', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
      ];
      const spec = { containers: [{ name: 'app' }, { name: 'job' }] };
      const ready = pod(spec, { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: statuses });
      const notReady = pod(spec, { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: statuses });
      expect(defaultCells(ready).slice(1, 3)).toEqual(['1/2', 'Running']);
      expect(status(notReady)).toBe('NotReady');
    });

    it('lets the first container win when several are unhappy', () => {
      const p = pod(
        { containers: [{ name: 'a' }, { name: 'b' }] },
        {
          phase: 'Running',
          containerStatuses: [
            { name: 'a', restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } },
            { name: 'b', restartCount: 0, state: { waiting: { reason: 'CrashLoopBackOff' } } },
          ],
        },
      );
      expect(status(p)).toBe('ImagePullBackOff');
    });
  });

  describe('deletion', () => {
    const runningStatus = { phase: 'Running', containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: running }] };

    it('prints Terminating for a pod being deleted', () => {
      expect(status(pod(oneContainer, runningStatus, { deletionTimestamp: minutesAgo(1) }))).toBe('Terminating');
    });

    it('keeps the final status of a finished pod being deleted', () => {
      const p = pod(
        oneContainer,
        { phase: 'Succeeded', containerStatuses: [{ name: 'app', restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] },
        { deletionTimestamp: minutesAgo(1) },
      );
      expect(status(p)).toBe('Completed');
    });

    it('prints Unknown for a pod deleted on a lost node', () => {
      const p = pod(oneContainer, { ...runningStatus, reason: 'NodeLost' }, { deletionTimestamp: minutesAgo(1) });
      expect(status(p)).toBe('Unknown');
    });
  });

  it('counts satisfied readiness gates and prints the first pod IP', () => {
    const p = pod(
      { ...oneContainer, readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }] },
      {
        phase: 'Running',
        podIP: '10.244.0.9',
        podIPs: [{ ip: '10.244.0.9' }, { ip: 'fd00::9' }],
        nominatedNodeName: 'worker',
        conditions: [
          { type: 'example.com/lb', status: 'True' },
          { type: 'example.com/dns', status: 'False' },
        ],
        containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: running }],
      },
    );
    expect(podPrinter.printRow(p, { now }).cells.slice(5)).toEqual(['10.244.0.9', 'kind-control-plane', 'worker', '1/2']);
  });

  it('falls back to the legacy podIP field', () => {
    const p = pod(oneContainer, { phase: 'Running', podIP: '10.244.0.7' });
    expect(podPrinter.printRow(p, { now }).cells[5]).toBe('10.244.0.7');
  });
});
