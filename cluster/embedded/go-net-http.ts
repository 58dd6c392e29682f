// What Go's net/http does before any handler runs, shared by the emulated kubelet and API server
// (both are net/http servers): url.PathUnescape of the request path, whose decoded form is what
// the kubelet's ServeMux and kube-apiserver's request-info resolver read, and the bare answers
// the server writes itself for a request it will not hand to a handler.

/** The decoded path, or undefined when an escape is malformed (net/http answers 400 then). */
export function goPathUnescape(escaped: string): string | undefined {
  if (!escaped.includes('%')) return escaped;
  if (/%(?![0-9A-Fa-f]{2})/.test(escaped)) return undefined;
  try {
    return decodeURIComponent(escaped);
  } catch {
    // Valid escapes that are not UTF-8: Go keeps the raw bytes; decode byte by byte as latin1.
    return escaped.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

/**
 * What net/http writes itself, before any handler, for a request it will not serve (conn.serve):
 * a bare status line and the status as text, then it closes. After a HEAD we leave the text out
 * (Go writes it anyway; the socket closes at once, but a strict client's parser would choke).
 */
function goConnError(status: string, method: string | undefined): string {
  const head = `HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n`;
  return method === 'HEAD' ? head : head + status;
}

export const goBadRequest = (method: string | undefined): string => goConnError('400 Bad Request', method);
export const goVersionNotSupported = (method: string | undefined): string => goConnError('505 HTTP Version Not Supported', method);
