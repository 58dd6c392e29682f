// PodExecOptions, PodAttachOptions and PodPortForwardOptions from the query, and the kubelet URL
// streamLocation / PortForwardLocation build from them: the streams as the internal API's
// parameter names (input/output/error/tty = "1"), the command repeated, url.Values.Encode order.

import { queryBool, queryPorts } from './query-params.js';

export type StreamSubresource = 'exec' | 'attach' | 'portforward';

export interface StreamOptions {
  container: string;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
  /** exec only. */
  command: string[];
  /** portforward only. */
  ports: number[];
}

export function decodeStreamOptions(subresource: StreamSubresource, query: URLSearchParams): StreamOptions {
  if (subresource === 'portforward') {
    return { container: '', stdin: false, stdout: false, stderr: false, tty: false, command: [], ports: queryPorts(query, 'ports') };
  }
  return {
    container: query.get('container') ?? '',
    stdin: queryBool(query, 'stdin'),
    stdout: queryBool(query, 'stdout'),
    stderr: queryBool(query, 'stderr'),
    tty: queryBool(query, 'tty'),
    command: subresource === 'exec' ? query.getAll('command') : [],
    ports: [],
  };
}

/** The kubelet path: /exec|/attach/{ns}/{pod}/{container}, /portForward/{ns}/{pod}; with its query. */
export function kubeletStreamTarget(subresource: StreamSubresource, namespace: string, pod: string, container: string, options: StreamOptions): string {
  const params = new URLSearchParams();
  if (subresource === 'portforward') {
    if (options.ports.length) params.append('port', options.ports.join(','));
  } else {
    if (options.stdin) params.append('input', '1');
    if (options.stdout) params.append('output', '1');
    if (options.stderr) params.append('error', '1');
    if (options.tty) params.append('tty', '1');
    for (const c of options.command) params.append('command', c);
  }
  params.sort();
  const query = params.toString();
  const path = subresource === 'portforward' ? `/portForward/${namespace}/${pod}` : `/${subresource}/${namespace}/${pod}/${container}`;
  return query ? `${path}?${query}` : path;
}
