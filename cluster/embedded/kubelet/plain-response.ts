// The small non-JSON responses the kubelet's HTTP stack writes, as data the server module sends
// verbatim. Two writers produce them and they differ in headers:
// - Go's http.Error (ServeMux 404, disabled-endpoint stubs): sets Content-Type and
//   X-Content-Type-Options: nosniff, and Fprintln adds a trailing newline.
// - go-restful's Response.WriteErrorString (auth filter 401/403/500, router 404/405): sets no
//   Content-Type; net/http sniffs the text body as "text/plain; charset=utf-8". No nosniff, no newline.

export interface PlainResponse {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: string;
}

const TEXT_PLAIN = 'text/plain; charset=utf-8';

/** net/http Error(w, message, status). */
export function goHttpError(status: number, message: string): PlainResponse {
  return {
    status,
    headers: { 'Content-Type': TEXT_PLAIN, 'X-Content-Type-Options': 'nosniff' },
    body: `${message}\n`,
  };
}

/** net/http NotFound: what ServeMux answers for a path no pattern matches. */
export function goNotFound(): PlainResponse {
  return goHttpError(404, '404 page not found');
}

/** go-restful Response.WriteErrorString, with any headers the caller set first (e.g. Allow). */
export function restfulErrorString(
  status: number,
  reason: string,
  extraHeaders: Readonly<Record<string, string>> = {},
): PlainResponse {
  return { status, headers: { ...extraHeaders, 'Content-Type': TEXT_PLAIN }, body: reason };
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&#34;',
  "'": '&#39;',
};

/** net/http hexEscapeNonASCII: what Redirect puts in the Location header. */
function hexEscapeNonAscii(url: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(url)) {
    out += byte >= 0x80 ? `%${byte.toString(16)}` : String.fromCharCode(byte);
  }
  return out;
}

/**
 * net/http Redirect for an absolute path (ServeMux only redirects to cleaned absolute paths).
 * GET and HEAD get Content-Type text/html; only GET gets the short HTML body, which Fprintln
 * ends with a newline after the one already in the text.
 */
export function goRedirect(method: string, location: string, status: number, statusText: string): PlainResponse {
  const headers: Record<string, string> = { Location: hexEscapeNonAscii(location) };
  if (method === 'GET' || method === 'HEAD') headers['Content-Type'] = 'text/html; charset=utf-8';
  const escaped = location.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
  const body = method === 'GET' ? `<a href="${escaped}">${statusText}</a>.\n\n` : '';
  return { status, headers, body };
}
