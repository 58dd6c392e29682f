// Reading and decoding request bodies: size limit (3 MiB, as kube-apiserver's), then JSON,
// YAML or Kubernetes protobuf by Content-Type.

import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError, badRequest, tooLarge, unsupportedMediaType } from '../status.js';
import { decodeKubernetesProtobuf } from '../protobuf/codec.js';
import { jsonTooDeep, yamlTooDeep } from './nesting.js';

export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

export function readBody(req: IncomingMessage, limit = MAX_REQUEST_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) {
    req.resume();
    return Promise.reject(tooLarge());
  }
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  // Plain listeners rather than `for await`: an async iterator per request is a visible cost.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (fn: () => void) => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      fn();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      settle(() => reject(tooLarge()));
      req.resume();
    };
    const onEnd = () => settle(() => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    const onError = (e: Error) => settle(() => reject(e));
    const onClose = () => settle(() => reject(new Error('the client closed the connection before the request body was complete')));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

export function mediaType(contentType: string | undefined): string {
  if (!contentType) return '';
  const semicolon = contentType.indexOf(';');
  return (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

/** Decodes an object body; errors say what was wrong, as the apiserver's decoders do. */
export function decodeObject(body: Buffer, contentType: string | undefined): Record<string, unknown> {
  const type = mediaType(contentType) || 'application/json';
  let value: unknown;
  switch (type) {
    case 'application/json':
    case '*/*':
      value = parseJson(body);
      break;
    case 'application/yaml': {
      const text = body.toString('utf8');
      const tooDeep = yamlTooDeep(text);
      if (tooDeep) throw badRequest(tooDeep);
      try {
        value = parseYaml(text);
      } catch (e) {
        throw badRequest(`error converting YAML to JSON: ${(e as Error).message.split('\n')[0]}`);
      }
      break;
    }
    case 'application/vnd.kubernetes.protobuf':
      try {
        value = decodeKubernetesProtobuf(body).object;
      } catch (e) {
        if (e instanceof ApiError) throw e;
        throw badRequest(`the body of the request could not be decoded as protobuf: ${(e as Error).message}`);
      }
      break;
    default:
      throw unsupportedMediaType();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest("couldn't get version/kind; json parse error: json: cannot unmarshal " + jsonTypeName(value) + ' into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }');
  }
  return value as Record<string, unknown>;
}

export function parseJson(body: Buffer): unknown {
  const text = body.toString('utf8');
  const tooDeep = jsonTooDeep(text);
  if (tooDeep) throw badRequest(tooDeep);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badRequest(`couldn't get version/kind; json parse error: ${goJsonError(body, e as Error)}`);
  }
}

function goJsonError(body: Buffer, e: Error): string {
  if (body.length === 0) return 'unexpected end of JSON input';
  const m = /position (\d+)/.exec(e.message);
  const ch = m ? body.toString('utf8').charAt(Number(m[1])) : '';
  return ch ? `invalid character '${ch}' looking for beginning of value` : 'unexpected end of JSON input';
}

function jsonTypeName(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : 'object';
}
