// kubelet_http_requests_total: the kubelet's ServeHTTP counts every request on its port, answered
// or refused, by method bucket and by the first path segment when that is an endpoint it serves.

const METHOD_BUCKETS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE']);
const PATH_BUCKETS = new Set([
  'attach', 'checkpoint', 'configz', 'containerLogs', 'debug', 'exec', 'flagz', 'healthz', 'logs', 'metrics', 'pods', 'portForward', 'run',
  'runningpods', 'stats', 'statusz',
]);
const LONG_RUNNING = new Set(['exec', 'attach', 'portForward', 'debug']);

export interface RequestCount {
  method: string;
  path: string;
  longRunning: boolean;
  count: number;
}

export class RequestCounters {
  private readonly counts = new Map<string, RequestCount>();

  observe(method: string, urlPath: string): void {
    const methodBucket = METHOD_BUCKETS.has(method) ? method : 'other';
    const from = urlPath.charCodeAt(0) === 47 /* '/' */ ? 1 : 0;
    const slash = urlPath.indexOf('/', from);
    const root = slash < 0 ? urlPath.slice(from) : urlPath.slice(from, slash);
    const pathBucket = PATH_BUCKETS.has(root) ? root : 'other';
    const key = `${methodBucket} ${pathBucket}`;
    const entry = this.counts.get(key);
    if (entry) entry.count++;
    else this.counts.set(key, { method: methodBucket, path: pathBucket, longRunning: LONG_RUNNING.has(pathBucket), count: 1 });
  }

  all(): RequestCount[] {
    return [...this.counts.values()];
  }
}
