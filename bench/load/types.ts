// What a load run sends, how (closed or open loop), and what it found: shared by the generators
// (wrk and our own Node one) and the benchmarks that read their figures.

/** One request, sent again and again over keep-alive HTTPS connections. */
export interface HttpTarget {
  host: string;
  port: number;
  method: string;
  /** Path and query. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The CA that verifies the server (absent: not verified, as `curl -k`), and a client certificate. */
  tls: { ca?: string; cert?: string; key?: string };
  /** An answer with another status counts as an error. */
  expectStatus: number;
}

export type LoadShape =
  /** Each connection sends its next request as soon as the previous answer is in: measures capacity. */
  | { kind: 'closed'; connections: number }
  /**
   * Requests are due on a fixed schedule (`ratePerSecond` shared by all connections, round robin);
   * a request whose connection is still busy waits, and its latency counts from when it was due.
   */
  | { kind: 'open'; connections: number; ratePerSecond: number };

export interface LoadSpec {
  target: HttpTarget;
  shape: LoadShape;
  /** Measured time; a warm-up of `warmupSeconds` before it is sent but not counted. */
  seconds: number;
  warmupSeconds: number;
}

export type GeneratorName = 'wrk' | 'node';

export interface LoadSummary {
  generator: GeneratorName;
  /** Answers with the expected status. */
  requests: number;
  /** Wrong status, connection errors, and (open loop) requests still unanswered at the end. */
  errors: number;
  seconds: number;
  perSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** Open loop only: how late our own timer sent requests whose connection was idle (p99), a floor under the latency. */
  schedulerLagP99Ms?: number;
}
