import { describe, expect, it } from 'vitest';
import { subjectOf } from './access-matrix-page.js';

describe('subjectOf', () => {
  it('writes subjects the way POST /api/access-matrix takes them', () => {
    expect(subjectOf('ServiceAccount', ' monitoring/prometheus ')).toEqual({ subject: 'ServiceAccount:monitoring/prometheus' });
    expect(subjectOf('User', 'kube-apiserver-kubelet-client')).toEqual({ subject: 'User:kube-apiserver-kubelet-client' });
    expect(subjectOf('Group', 'system:nodes')).toEqual({ subject: 'Group:system:nodes' });
  });

  it('explains what is wrong before asking the server', () => {
    expect(subjectOf('ServiceAccount', 'prometheus')).toEqual({ problem: expect.stringContaining('namespace/name') });
    expect(subjectOf('Group', '  ')).toEqual({ problem: 'Enter the group name.' });
  });
});
