// GET pods/NAME/log: LogREST.Get. The options are checked, the pod and container located, and the
// kubelet's /containerLogs answer streamed back (genericrest.LocationStreamer). A kubelet error
// becomes a Status as GenericHttpResponseChecker words it; an unscheduled pod has no log (204).

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NodeProxy } from '../node-proxy.js';
import { dialErrorText } from '../node-proxy.js';
import { goQuote } from '../authorization/go-quote.js';
import { ApiError, badRequest, internalError } from '../status.js';
import type { ObjectStore } from '../storage/store.js';
import { findPod, validateContainer } from './locate.js';
import { decodePodLogOptions, kubeletLogQuery, validatePodLogOptions } from './log-options.js';

/** GenericHttpResponseChecker reads at most this much of an error body. */
const MAX_ERROR_BODY = 50_000;

export async function servePodLog(store: ObjectStore, nodes: NodeProxy, namespace: string, name: string, query: URLSearchParams, res: ServerResponse): Promise<void> {
  const options = decodePodLogOptions(query);
  validatePodLogOptions(name, options);
  const located = findPod(store, namespace, name);
  const container = validateContainer(located, options.container);
  if (!located.nodeName) {
    res.writeHead(204, { 'Cache-Control': 'no-cache, private' });
    res.end();
    return;
  }
  const address = nodes.kubeletAddress(located.nodeName);
  const kubeletQuery = kubeletLogQuery(options);
  const path = `/containerLogs/${namespace}/${name}/${container}${kubeletQuery ? `?${kubeletQuery}` : ''}`;
  const answer = await new Promise<IncomingMessage>((resolve, reject) => {
    const upstream = nodes.request(address, 'GET', path, { 'User-Agent': 'Go-http-client/1.1' });
    upstream.on('response', resolve);
    // A url.Error: what client.Do returned, passed on as an error that is not a Status (500).
    upstream.on('error', (err) => reject(new ApiError(500, '', `Get ${goQuote(`https://${address.host}:${address.port}${path}`)}: ${dialErrorText(address, err)}`)));
    upstream.end();
  });
  const status = answer.statusCode ?? 500;
  if (status < 200 || status > 206) throw kubeletError(status, await readCapped(answer), name);
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();
  await new Promise<void>((resolve) => {
    answer.pipe(res);
    answer.on('end', resolve);
    answer.on('error', () => {
      res.destroy();
      resolve();
    });
    // A client that stops following must not leave the kubelet stream open.
    res.on('close', () => {
      answer.destroy();
      resolve();
    });
  });
}

/** genericrest.GenericHttpResponseChecker.Check for pods/log. */
function kubeletError(status: number, body: string, name: string): ApiError {
  if (status === 500) return internalError(body);
  if (status === 400) return badRequest(body);
  // errors.NewGenericServerResponse(code, "", pods/log, name, body, 0, false).
  const generic: Record<number, [string, string]> = {
    401: ['Unauthorized', 'the server has asked for the client to provide credentials'],
    403: ['Forbidden', body],
    404: ['NotFound', 'the server could not find the requested resource'],
    405: ['MethodNotAllowed', 'the server does not allow this method on the requested resource'],
    406: ['NotAcceptable', 'the server was unable to respond with a content type that the client supports'],
    409: ['Conflict', 'the server reported a conflict'],
    415: ['UnsupportedMediaType', 'the server was unable to respond with a content type that the client supports'],
    422: ['Invalid', 'the server rejected our request due to an error in our request'],
    429: ['TooManyRequests', 'the server has received too many requests and has asked us to try again later'],
    503: ['ServiceUnavailable', 'the server is currently unable to handle the request'],
    504: ['Timeout', 'the server was unable to return a response in the time allotted, but may still be processing the request'],
  };
  const [reason, message] =
    generic[status] ??
    (status >= 500
      ? ['InternalError', `an error on the server (${goQuote(body)}) has prevented the request from succeeding`]
      : ['', `the server responded with the status code ${status} but did not return more information`]);
  return new ApiError(status, reason, `${message} ( pods/log ${name})`, { name, kind: 'pods/log' });
}

function readCapped(answer: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    answer.on('data', (chunk: Buffer) => {
      if (size < MAX_ERROR_BODY) chunks.push(chunk);
      size += chunk.length;
    });
    answer.on('end', () => resolve(Buffer.concat(chunks).subarray(0, MAX_ERROR_BODY).toString('utf8')));
    answer.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
