// /debug/pprof/{profile} (net/http/pprof behind the kubelet's own dispatch) and /debug/flags/v
// (component-base routes.StringFlagPutHandler with klog's verbosity). Profiles are real pprof
// files (gzipped protobuf) with the right sample types and no samples: `go tool pprof` opens them.

import { gzipSync } from 'node:zlib';
import { ProtoWriter, WireType } from '../../apiserver/protobuf/wire.js';
import type { EndpointHandler, HandlerRequest, KubeletContext, KubeletReply } from './types.js';
import { TEXT_PLAIN } from './types.js';
import { kubeletCommandLine } from './command-line.js';

/** Sample types and period of each named profile, as runtime/pprof writes them. */
const PROFILES: Readonly<Record<string, { samples: [string, string][]; period: [string, string, number] }>> = {
  allocs: { samples: [['alloc_objects', 'count'], ['alloc_space', 'bytes'], ['inuse_objects', 'count'], ['inuse_space', 'bytes']], period: ['space', 'bytes', 524288] },
  heap: { samples: [['alloc_objects', 'count'], ['alloc_space', 'bytes'], ['inuse_objects', 'count'], ['inuse_space', 'bytes']], period: ['space', 'bytes', 524288] },
  block: { samples: [['contentions', 'count'], ['delay', 'nanoseconds']], period: ['contentions', 'count', 1] },
  mutex: { samples: [['contentions', 'count'], ['delay', 'nanoseconds']], period: ['contentions', 'count', 1] },
  goroutine: { samples: [['goroutine', 'count']], period: ['goroutine', 'count', 1] },
  threadcreate: { samples: [['threadcreate', 'count']], period: ['threadcreate', 'count', 1] },
  profile: { samples: [['samples', 'count'], ['cpu', 'nanoseconds']], period: ['cpu', 'nanoseconds', 10_000_000] },
};

/** profile.proto: sample_type (1), string_table (6), time_nanos (9), duration_nanos (10), period_type (11), period (12). */
function pprofFile(name: string, now: Date, durationNs = 0): Buffer {
  const spec = PROFILES[name]!;
  const strings = [''];
  const index = (s: string) => {
    const at = strings.indexOf(s);
    return at >= 0 ? at : strings.push(s) - 1;
  };
  const valueType = (type: string, unit: string) => new ProtoWriter().tag(1, WireType.Varint).int64(index(type)).tag(2, WireType.Varint).int64(index(unit)).finish();
  const profile = new ProtoWriter();
  for (const [type, unit] of spec.samples) profile.tag(1, WireType.LengthDelimited).bytes(valueType(type, unit));
  const period = valueType(spec.period[0], spec.period[1]);
  for (const s of strings) profile.tag(6, WireType.LengthDelimited).string(s);
  profile.tag(9, WireType.Varint).int64(now.getTime() * 1e6);
  if (durationNs > 0) profile.tag(10, WireType.Varint).int64(durationNs);
  profile.tag(11, WireType.LengthDelimited).bytes(period).tag(12, WireType.Varint).int64(spec.period[2]);
  return gzipSync(profile.finish());
}

/** net/http/pprof serveError: sets X-Go-Pprof and writes a plain-text error. */
function pprofError(status: number, message: string): KubeletReply {
  return { status, headers: { 'Content-Type': TEXT_PLAIN, 'X-Content-Type-Options': 'nosniff', 'X-Go-Pprof': '1' }, body: `${message}\n` };
}

function binary(name: string, body: Buffer): KubeletReply {
  return { status: 200, headers: { 'Content-Type': 'application/octet-stream', 'Content-Disposition': `attachment; filename="${name}"`, 'X-Content-Type-Options': 'nosniff' }, body };
}

/** Waits like a CPU profile or trace does, unless the client leaves first. */
function wait(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => resolve(true), ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve(false);
    }, { once: true });
  });
}

function seconds(req: HandlerRequest): number {
  const n = Number.parseInt(req.query.get('seconds') ?? '', 10);
  return Number.isFinite(n) && n > 0 ? n : 30;
}

function textProfile(name: string, ctx: KubeletContext): string {
  const goroutines = 180 + ctx.pods.managed().length * 12;
  if (name === 'goroutine') return `goroutine profile: total ${goroutines}\n${goroutines - 2} @ 0x43e2ae 0x40b6c5 0x40b2f8\n#\t0x43e2ad\truntime.gopark+0xcd\t/usr/local/go/src/runtime/proc.go:424\n\n`;
  return `${name} profile: total 0\n`;
}

export const pprof: EndpointHandler = async (req, ctx) => {
  const name = req.path.slice('/debug/pprof/'.length);
  switch (name) {
    case 'cmdline':
      return { status: 200, headers: { 'Content-Type': TEXT_PLAIN, 'X-Content-Type-Options': 'nosniff' }, body: ['/usr/bin/kubelet', ...kubeletCommandLine(ctx).map(([flag, value]) => `--${flag}=${value}`)].join('\x00') };
    case 'symbol':
      return { status: 200, headers: { 'Content-Type': TEXT_PLAIN, 'X-Content-Type-Options': 'nosniff' }, body: 'num_symbols: 1\n' };
    case 'profile':
    case 'trace': {
      const secs = seconds(req);
      if (!(await wait(secs * 1000, req.signal))) return pprofError(500, 'Could not enable CPU profiling: client went away');
      if (name === 'trace') return binary('trace', Buffer.from('go 1.23 trace\x00\x00\x00\x00'));
      return binary('profile', pprofFile('profile', ctx.clock(), secs * 1e9));
    }
  }
  if (!PROFILES[name] || name === 'profile') return pprofError(404, 'Unknown profile');
  const debug = Number.parseInt(req.query.get('debug') ?? '0', 10);
  if (debug > 0) return { status: 200, headers: { 'Content-Type': TEXT_PLAIN, 'X-Content-Type-Options': 'nosniff' }, body: textProfile(name, ctx) };
  return binary(name, pprofFile(name, ctx.clock()));
};

/** routes.StringFlagPutHandler's writePlainText. */
function plainText(status: number, text: string): KubeletReply {
  return { status, headers: { 'Content-Type': 'text/plain', 'X-Content-Type-Options': 'nosniff' }, body: `${text}\n` };
}

export const debugFlagsV: EndpointHandler = async (req, ctx) => {
  if (req.method !== 'PUT') return plainText(406, 'unsupported http method');
  const value = (await req.body()).toString('utf8');
  // klog.Level.Set: strconv.ParseInt(value, 10, 32)
  if (!/^[+-]?\d+$/.test(value) || Math.abs(Number(value)) > 2 ** 31 - 1) {
    const reason = /^[+-]?\d+$/.test(value) ? 'value out of range' : 'invalid syntax';
    return plainText(400, `failed set klog.logging.verbosity ${value}: strconv.ParseInt: parsing ${JSON.stringify(value)}: ${reason}`);
  }
  ctx.verbosity.value = Number(value);
  return plainText(200, `successfully set klog.logging.verbosity to ${value}`);
};
