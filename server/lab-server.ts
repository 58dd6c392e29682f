// The web lab server: Express for the JSON API and the built front end, socket.io for terminals
// and live lab events, and the lab manager behind both. `kubelab start` runs it; tests and the
// benchmarks start it on port 0.

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { Server as SocketServer } from 'socket.io';
import { startEmbeddedCluster } from '../cluster/embedded/cluster.js';
import { parseClusterSnapshot } from '../cluster/embedded/snapshot-format.js';
import { graderKubectl } from './grading/kubectl.js';
import { defaultScenariosDir } from './scenarios/catalog.js';
import { loadScenarios } from './scenarios/loader.js';
import { formatProblem } from './scenarios/problems.js';
import type { Scenario } from './scenarios/model.js';
import type { ApiContext } from './http/api-context.js';
import { apiNotFound, errorMiddleware } from './http/error-middleware.js';
import { labRoutes } from './http/routes/lab-routes.js';
import { scenarioRoutes } from './http/routes/scenario-routes.js';
import { sessionRoutes } from './http/routes/session-routes.js';
import { HostPolicy, securityHeaders } from './http/security.js';
import { CookieSigner, loadServerSecret } from './http/session-cookie.js';
import { SessionGate } from './http/session-middleware.js';
import { webFrontEnd } from './http/static-web.js';
import { composeHooks, LabManager, type ClusterStarter, type LabHooks } from './lab/lab-manager.js';
import { Classroom } from './classroom/classroom.js';
import { classroomPolicy, practicePolicy } from './classroom/learner-policy.js';
import { issueInstructorSecret } from './classroom/instructor-secret.js';
import { Journal } from './persistence/journal.js';
import { openStore } from './store/store.js';
import { classroomRoutes } from './http/routes/classroom-routes.js';
import { instructorNamespace } from './socket/instructor-namespace.js';
import { SessionStore, type Session } from './sessions.js';
import type { Runtime } from './http/api-context.js';
import { LabNamespace } from './socket/lab-namespace.js';
import { endSessionShell } from './terminal/session-shell.js';
import { kubectlCompletionFile } from './terminal/shell-environment.js';
import { detectSandbox } from './terminal/sandbox-detect.js';
import { sandboxPolicy, type SandboxPolicy } from './terminal/sandbox-policy.js';

export interface LabServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  /** Accept any Host header: for a server deliberately reachable from other machines. */
  exposed?: boolean;
  scenariosDir?: string;
  /** The built front end; default dist/web of the kubelab package. */
  webDir?: string;
  /** Default 2 h. */
  idleTimeoutMs?: number;
  /** How long before the idle deletion the browser is warned; default 10 min. */
  idleWarningMs?: number;
  reapIntervalMs?: number;
  /** Labs running at once; default 20. */
  maxLabs?: number;
  /** How long POST /api/lab waits for a start before answering "starting"; default 10 s. */
  readyWaitMs?: number;
  /** The real kubectl; found (or installed) in the data directory when absent. */
  kubectl?: string;
  scrollbackChars?: number;
  /** Keep a prepared cluster per scenario and version for fast starts; default true. */
  spares?: boolean;
  /** Default 30 min. */
  spareTtlMs?: number;
  startCluster?: ClusterStarter;
  /** What startCluster runs; default embedded. */
  runtime?: Runtime;
  /** Classroom mode: roles, classes, exams (docs/web-api.md). */
  classroom?: boolean;
  log?: (line: string) => void;
}

export interface LabServer {
  readonly url: string;
  readonly port: number;
  readonly sessions: SessionStore;
  readonly labs: LabManager;
  /** Classroom mode: the URL that makes a browser the instructor (a one-time secret in the fragment). */
  readonly instructorUrl?: string;
  /** Classroom mode only. */
  readonly classroom?: Classroom;
  /** Deletes every cluster, ends every shell, closes every connection. */
  close(): Promise<void>;
}

const HOUR = 3600_000;

export async function startLabServer(opts: LabServerOptions): Promise<LabServer> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const signer = new CookieSigner(loadServerSecret(opts.dataDir));
  const kubectl = opts.kubectl ?? (await graderKubectl(opts.dataDir, log));
  const completion = await kubectlCompletionFile(opts.dataDir, kubectl);
  const scenarios = loadCatalog(opts.scenariosDir ?? defaultScenariosDir(), log);
  const sandbox = opts.classroom ? await classroomSandbox(opts.dataDir) : undefined;

  const app = express();
  const httpServer = createServer(app);
  // Browsers and proxies keep connections open longer than Node's 5 s default; a server that
  // closes first races the client's next request on that connection (ECONNRESET under load).
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const hosts = new HostPolicy(opts.host, opts.exposed === true);
  const store = openStore(join(opts.dataDir, 'kubelab.db'));
  const hooks: LabHooks[] = [];
  let classroom: Classroom | undefined;
  const journal = new Journal(store, { deadlineFor: (session) => classroom?.deadlineFor(session) ?? null, log });
  hooks.push(journal);
  // A session the journal brings back gets its lab back too, as it was when the server stopped.
  const resumeSavedLab = (session: Session) => {
    const saved = journal.savedLab(session);
    const scenario = saved && scenarios.get(saved.scenarioId);
    if (saved && scenario) labs.resume(session, scenario, saved.version, saved.saved).catch((e: Error) => log(`kubelab: bringing back a lab failed: ${e.message}`));
  };
  const sessions = new SessionStore(opts.dataDir, journal, resumeSavedLab);
  const gate = new SessionGate(sessions, signer);
  const io = new SocketServer(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 256 * 1024,
    allowRequest: (req, done) => done(null, hosts.sameOrigin(req)),
  });
  const events = new LabNamespace(io.of('/lab'), {
    gate,
    ...(opts.classroom ? { admit: (session: Session) => policy.admit(session), presence: (session: Session) => classroom?.rosterChanged(session) } : {}),
    tools: { kubectl, ...(completion ? { completion } : {}), ...(sandbox ? { sandbox } : {}) },
    ...(opts.scrollbackChars ? { scrollbackChars: opts.scrollbackChars } : {}),
    log,
  });
  const labs = new LabManager({
    dataDir: opts.dataDir,
    kubectl,
    startCluster: opts.startCluster ?? embeddedClusters(opts.dataDir),
    events,
    maxLabs: opts.maxLabs ?? 20,
    readyWaitMs: opts.readyWaitMs ?? 10_000,
    idleTimeoutMs: opts.idleTimeoutMs ?? 2 * HOUR,
    idleWarningMs: opts.idleWarningMs ?? 10 * 60_000,
    spares: opts.spares ?? true,
    spareTtlMs: opts.spareTtlMs ?? 30 * 60_000,
    log,
    hooks: composeHooks(hooks),
  });
  let instructorUrl: string | undefined;
  let baseUrl = '';
  if (opts.classroom) {
    classroom = new Classroom({ journal, sessions, labs, scenarios, baseUrl: () => baseUrl, examEnded: (session, report) => session && events.examEnded(session, report), log });
    hooks.push(classroom);
    instructorNamespace(io.of('/instructor'), gate, classroom);
  }
  const policy = classroom ? classroomPolicy({ classOf: (id) => classroom.summaryOf(id), examEnded: (learnerId) => classroom.examEnded(learnerId) }) : practicePolicy;
  const ctx: ApiContext = { sessions, signer, scenarios, labs, mode: opts.classroom ? 'classroom' : 'practice', runtime: opts.runtime ?? 'embedded', policy, ...(classroom ? { classroom } : {}) };

  app.disable('x-powered-by');
  app.use(hosts.middleware());
  app.use(securityHeaders());
  app.use(
    '/api',
    (_req, res, next) => {
      res.setHeader('Cache-Control', 'no-store');
      next();
    },
    express.json({ limit: '64kb' }),
    gate.attach(),
    gate.csrf(),
    sessionRoutes(ctx),
    ...(classroom ? [classroomRoutes({ classroom, journal })] : []),
    scenarioRoutes(ctx),
    labRoutes(ctx),
    apiNotFound(),
  );
  app.use(webFrontEnd(opts.webDir ?? join(packageRoot(), 'dist', 'web')));
  app.use(errorMiddleware(log));

  const port = await listen(httpServer, opts.host, opts.port);
  hosts.listeningOn(port);
  const url = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}/`;
  baseUrl = url;
  if (classroom) {
    classroom.exams.resumeAll();
    instructorUrl = `${url}instructor#claim=${issueInstructorSecret(store)}`;
  }
  const reaper = setInterval(() => void labs.reapIdle(sessions.all()).catch((e: Error) => log(`kubelab: idle reaping failed: ${e.message}`)), opts.reapIntervalMs ?? 60_000);
  reaper.unref();

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    sessions,
    labs,
    ...(instructorUrl ? { instructorUrl } : {}),
    ...(classroom ? { classroom } : {}),
    close: () =>
      (closing ??= (async () => {
        clearInterval(reaper);
        classroom?.exams.stop();
        const closed = new Promise<void>((done) => httpServer.close(() => done()));
        io.disconnectSockets(true);
        await Promise.all([
          labs.close(),
          ...sessions.all().map(async (s) => {
            await labs.remove(s, 'shutdown');
            await endSessionShell(s);
          }),
        ]);
        await new Promise<void>((done) => io.close(() => done()));
        httpServer.closeAllConnections();
        await closed;
        await journal.flush();
        store.close();
      })()),
  };
}

/**
 * Classroom shells run sandboxed: a learner must not reach the server's files or another
 * learner's. Without a working sandbox, classroom mode does not start.
 */
async function classroomSandbox(dataDir: string): Promise<SandboxPolicy> {
  const found = await detectSandbox();
  if (!found.ok) throw new Error(`classroom mode needs a sandbox for the learners' shells, and there is none: ${found.reason} ${found.fix}`);
  return sandboxPolicy(found, { dataDir });
}

function embeddedClusters(dataDir: string): ClusterStarter {
  return (spec, { kubeconfigPath, progress, restore }) =>
    restore === undefined
      ? startEmbeddedCluster({ spec, dataDir, kubeconfigPath, progress, decisionLogFile: false })
      : startEmbeddedCluster({ restore: parseClusterSnapshot(restore), dataDir, kubeconfigPath, progress, decisionLogFile: false });
}

function loadCatalog(dir: string, log: (line: string) => void): ReadonlyMap<string, Scenario> {
  const catalog = loadScenarios(dir);
  for (const invalid of catalog.invalid) {
    log(`kubelab: scenario folder ${invalid.folder} is not offered, it has problems:`);
    for (const p of invalid.problems) log(`  ${formatProblem(p)}`);
  }
  return new Map(catalog.scenarios.map((s) => [s.id, s]));
}

function listen(server: HttpServer, host: string, port: number): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') fail(new Error(`port ${port} on ${host} is already in use: stop what uses it or pass another --port`));
      else if (e.code === 'EADDRNOTAVAIL') fail(new Error(`this machine has no address ${host}: pass --host 127.0.0.1`));
      else fail(e);
    });
    server.listen(port, host, () => done((server.address() as AddressInfo).port));
  });
}

/** The kubelab package folder, found from this module both in the sources and in dist/. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (dir !== dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'kubelab') return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the kubelab package folder (with dist/web): pass the front end folder explicitly');
}
