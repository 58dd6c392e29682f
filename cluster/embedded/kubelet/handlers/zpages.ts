// The kubelet's zpages (component-base zpages/statusz and zpages/flagz): plain text for humans,
// with a delimiter picked at random (per request for statusz, once per process for flagz) so that
// nobody scrapes them. 1.36's statusz also lists the kubelet's top-level paths (PR #133239).

import type { KubeVersion } from '../../../versions.js';
import { kubeletCommandLine } from './command-line.js';
import { httpError, TEXT_PLAIN, type EndpointHandler, type KubeletContext, type KubeletReply } from './types.js';

const WARNING = 'Warning: This endpoint is not meant to be machine parseable, has no formatting compatibility guarantees and is for debugging purposes only.';
const DELIMITERS = [':', ': ', '=', ' '];

/** statusz shows a Paths line from 1.35 on. */
const STATUSZ_LISTS_PATHS: Readonly<Record<KubeVersion, boolean>> = { '1.31': false, '1.33': false, '1.36': true };

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** zpages httputil.AcceptableMediaType: plain text (or anything) must be acceptable. */
function acceptsText(accept: string | undefined): boolean {
  if (!accept || accept.trim() === '') return true;
  return accept.split(',').some((part) => {
    const type = part.split(';')[0]!.trim().toLowerCase();
    return type === '*/*' || type === 'text/*' || type === 'text/plain';
  });
}

const NOT_ACCEPTABLE = 'media type not acceptable, must be: text/plain';

/** Go's time.UnixDate: "Mon Jan _2 15:04:05 MST 2006", in UTC as on a kind node. */
function unixDate(d: Date): string {
  const [weekday, month, day, year, time] = [
    d.toUTCString().slice(0, 3),
    d.toUTCString().slice(8, 11),
    String(d.getUTCDate()).padStart(2, ' '),
    d.getUTCFullYear(),
    d.toISOString().slice(11, 19),
  ];
  return `${weekday} ${month} ${day} ${time} UTC ${year}`;
}

function uptime(from: Date, now: Date): string {
  const s = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 1000));
  return `${Math.floor(s / 3600)} hr ${String(Math.floor(s / 60) % 60).padStart(2, '0')} min ${String(s % 60).padStart(2, '0')} sec`;
}

/** The top-level folders of the paths the kubelet registered through Handle (what its statusz lists). */
function listedPaths(ctx: KubeletContext): string[] {
  const paths = ['/healthz', '/metrics'];
  if (ctx.config.enableDebuggingHandlers) paths.push('/configz');
  if (ctx.config.enableDebuggingHandlers && (ctx.config.enableProfilingHandler || ctx.config.enableDebugFlagsHandler)) paths.push('/debug');
  if (ctx.gates['ComponentFlagz']) paths.push('/flagz');
  return paths.sort();
}

export const statusz: EndpointHandler = (req, ctx) => {
  if (!acceptsText(req.headers.accept)) return httpError(406, NOT_ACCEPTABLE);
  const delim = pick(DELIMITERS);
  const now = ctx.clock();
  const lines = [
    `Started${delim} ${unixDate(ctx.startedAt)}`,
    `Up${delim} ${uptime(ctx.startedAt, now)}`,
    `Go version${delim} ${ctx.version.goVersion}`,
    `Binary version${delim} ${ctx.version.gitVersion.replace(/^v/, '')}`,
    `Emulation version${delim} ${ctx.version.version}`,
  ];
  if (STATUSZ_LISTS_PATHS[ctx.version.version]) lines.push(`Paths${delim} ${listedPaths(ctx).join(' ')}`);
  return text(`\nkubelet statusz\n${WARNING}\n\n${lines.join('\n')}\n`);
};

/** flagz renders once per process: the first request fixes the delimiter. */
const flagzDelimiter = new WeakMap<KubeletContext, string>();

export const flagz: EndpointHandler = (req, ctx) => {
  if (!acceptsText(req.headers.accept)) return httpError(406, NOT_ACCEPTABLE);
  let delim = flagzDelimiter.get(ctx);
  if (delim === undefined) {
    delim = pick(DELIMITERS);
    flagzDelimiter.set(ctx, delim);
  }
  const flags = kubeletCommandLine(ctx).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const body = flags.map(([flag, value]) => `${flag}${delim}${value}\n`).join('');
  return text(`\nkubelet flags\n${WARNING}\n\n${body}`);
};

function text(body: string): KubeletReply {
  return { status: 200, headers: { 'Content-Type': TEXT_PLAIN }, body };
}
