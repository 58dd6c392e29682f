// What an exec/attach session writes on its error channel (3) when the command ends: a
// metav1.Status. The wording depends on who ends the session:
// - the CRI streaming server (containerd, reached through the kubelet's upgrade proxy): the
//   runtime's own error text, "error executing command [sh -c exit 3], exit code 3";
// - the kubelet's WebSocket v5 -> SPDY translator (1.36, ExtendWebSocketsToKubelet): it decodes the
//   runtime's status with client-go and re-wraps it, so exit codes read "command terminated with
//   exit code 3" and internal errors gain a second "Internal error occurred: " prefix.
// Sources: cri/streaming/remotecommand/httpstream.go (v1/v4 writers), exec.go (ServeExec),
// apiserver/pkg/util/proxy/streamtranslator.go, client-go remotecommand errorDecoderV4.

import { goJson, goQuote, goStringSlice } from './go-format.js';

export interface ExecStatus {
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: { causes: { reason?: string; message: string }[] };
  code?: number;
}

/** How a process ended, before anyone phrases it. */
export type ProcessEnd =
  | { kind: 'exited'; code: number }
  /** The runtime could not start the process at all (e.g. executable not found). */
  | { kind: 'startFailed'; message: string };

/** Who writes the status: the CRI server directly, or the kubelet's v5 translator. */
export type StatusWriter = 'cri' | 'translator';

const SUCCESS: ExecStatus = { metadata: {}, status: 'Success' };

function nonZeroExit(message: string, code: number): ExecStatus {
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: ${message}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/** apierrors.NewInternalError(err). */
export function internalError(error: string): ExecStatus {
  return {
    metadata: {},
    status: 'Failure',
    message: `Internal error occurred: ${error}`,
    reason: 'InternalError',
    details: { causes: [{ message: error }] },
    code: 500,
  };
}

/** The status for a finished exec of `argv`, as `writer` phrases it. */
export function execStatus(end: ProcessEnd, argv: readonly string[], writer: StatusWriter): ExecStatus {
  if (end.kind === 'exited') {
    if (end.code === 0) return SUCCESS;
    const runtimeText =
      writer === 'cri'
        ? `error executing command ${goStringSlice(argv)}, exit code ${end.code}`
        : `command terminated with exit code ${end.code}`;
    return nonZeroExit(runtimeText, end.code);
  }
  const criError = internalError(`error executing command in container: ${end.message}`);
  return writer === 'cri' ? criError : internalError(criError.message!);
}

/** The status for a finished attach (ServeAttach: only success or an internal error). */
export function attachStatus(failure?: string): ExecStatus {
  return failure === undefined ? SUCCESS : internalError(`error attaching to container: ${failure}`);
}

/**
 * The bytes for the error channel. v4 and newer: the Status as JSON. v1-v3: only a failure's
 * message, nothing at all on success (v1WriteStatusFunc).
 */
export function encodeStatus(status: ExecStatus, format: 'json' | 'text'): string | undefined {
  if (format === 'json') return goJson(status);
  return status.status === 'Success' ? undefined : status.message;
}

/**
 * What a v5 translator (kube-apiserver's StreamTranslatorHandler, or 1.36's kubelet's) writes on
 * its error channel after reading the runtime's v4 status from the SPDY error stream: client-go's
 * errorDecoderV4 turns it into an error (an exit code, or the status message), and the translator
 * re-wraps that. An empty error stream means success.
 */
export function retranslatedStatus(runtimeStatus: string): ExecStatus {
  if (runtimeStatus === '') return SUCCESS;
  let status: Partial<ExecStatus>;
  try {
    status = JSON.parse(runtimeStatus) as Partial<ExecStatus>;
  } catch (e) {
    return internalError(`error stream protocol error: ${(e as Error).message} in ${goQuote(runtimeStatus)}`);
  }
  if (status.status === 'Success') return SUCCESS;
  if (status.status !== 'Failure') return internalError('error stream protocol error: unknown error');
  if (status.reason !== 'NonZeroExitCode') return internalError(status.message ?? '');
  if (!status.details) return internalError('error stream protocol error: details must be set');
  const cause = status.details.causes?.find((c) => c.reason === 'ExitCode');
  if (!cause) return internalError('error stream protocol error: no ExitCode cause given');
  if (!/^\d+$/.test(cause.message) || Number(cause.message) > 255) return internalError(`error stream protocol error: invalid exit code value ${goQuote(cause.message)}`);
  const code = Number(cause.message);
  return nonZeroExit(`command terminated with exit code ${code}`, code);
}
