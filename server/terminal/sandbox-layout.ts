// Where a sandboxed shell finds its things: fixed paths, the same for every learner, so that
// nothing inside the sandbox names a host folder (the data directory, a session key, a user).

export const SANDBOX_PATHS = {
  home: '/home/learner',
  bin: '/kubelab/bin',
  kubeconfig: '/kubelab/kubeconfig',
  rcFile: '/kubelab/bashrc',
  completion: '/kubelab/kubectl-completion.bash',
} as const;

/** Only system folders, which the sandbox shows read-only; kubectl first. */
export const SANDBOX_SEARCH_PATH = `${SANDBOX_PATHS.bin}:/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin`;
