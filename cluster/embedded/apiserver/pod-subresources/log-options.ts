// PodLogOptions for GET pods/NAME/log: decoded from the query (400 on values that do not convert),
// validated as ValidatePodLogOptions does (422 Invalid), and turned into the kubelet's
// /containerLogs query as LogLocation builds it (url.Values.Encode: keys sorted).

import { invalid, type FieldError } from '../status.js';
import { queryBool, queryInt64, queryTime } from './query-params.js';

export interface PodLogOptions {
  container: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  sinceSeconds?: bigint;
  /** RFC 3339, UTC, whole seconds. */
  sinceTime?: string;
  tailLines?: bigint;
  limitBytes?: bigint;
}

/** The generated url.Values -> v1.PodLogOptions conversion: the first field that fails is reported. */
export function decodePodLogOptions(query: URLSearchParams): PodLogOptions {
  // Struct order: sinceSeconds, sinceTime, (timestamps), tailLines, limitBytes.
  const sinceSeconds = queryInt64(query, 'sinceSeconds');
  const sinceTime = queryTime(query, 'sinceTime');
  const tailLines = queryInt64(query, 'tailLines');
  const limitBytes = queryInt64(query, 'limitBytes');
  return {
    container: query.get('container') ?? '',
    follow: queryBool(query, 'follow'),
    previous: queryBool(query, 'previous'),
    timestamps: queryBool(query, 'timestamps'),
    ...(sinceSeconds !== undefined ? { sinceSeconds } : {}),
    ...(sinceTime !== undefined ? { sinceTime } : {}),
    ...(tailLines !== undefined ? { tailLines } : {}),
    ...(limitBytes !== undefined ? { limitBytes } : {}),
  };
}

/** ValidatePodLogOptions (pkg/apis/core/validation), then errors.NewInvalid(Kind("PodLogOptions"), name, errs). */
export function validatePodLogOptions(podName: string, options: PodLogOptions): void {
  const errors: FieldError[] = [];
  if (options.tailLines !== undefined && options.tailLines < 0n) {
    errors.push({ type: 'FieldValueInvalid', field: 'tailLines', detail: `Invalid value: ${options.tailLines}: must be greater than or equal to 0` });
  }
  if (options.limitBytes !== undefined && options.limitBytes < 1n) {
    errors.push({ type: 'FieldValueInvalid', field: 'limitBytes', detail: `Invalid value: ${options.limitBytes}: must be greater than 0` });
  }
  if (options.sinceSeconds !== undefined && options.sinceTime !== undefined) {
    errors.push({ type: 'FieldValueForbidden', field: '', detail: 'Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified' });
  } else if (options.sinceSeconds !== undefined && options.sinceSeconds < 1n) {
    errors.push({ type: 'FieldValueInvalid', field: 'sinceSeconds', detail: `Invalid value: ${options.sinceSeconds}: must be greater than 0` });
  }
  if (errors.length > 0) throw invalid('', 'PodLogOptions', podName, errors);
}

/** LogLocation's params, encoded as url.Values.Encode does (sorted by key). */
export function kubeletLogQuery(options: PodLogOptions): string {
  const params = new URLSearchParams();
  if (options.follow) params.append('follow', 'true');
  if (options.previous) params.append('previous', 'true');
  if (options.timestamps) params.append('timestamps', 'true');
  if (options.sinceSeconds !== undefined) params.append('sinceSeconds', String(options.sinceSeconds));
  if (options.sinceTime !== undefined) params.append('sinceTime', options.sinceTime);
  if (options.tailLines !== undefined) params.append('tailLines', String(options.tailLines));
  if (options.limitBytes !== undefined) params.append('limitBytes', String(options.limitBytes));
  params.sort();
  return params.toString();
}
