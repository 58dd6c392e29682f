// docker-compose.yml and the Dockerfile: the compose file is checked by `docker compose config`
// where the compose plugin exists, else parsed and checked against a schema here; either way its
// command must be a valid `kubelab start` in kind mode, and the image must carry the tools.

import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { parseCommandArgs } from '../../cli/command.js';
import { start } from '../../cli/commands/start.js';
import { ENV_CONTAINER_NAME, ENV_INTERNAL_KUBECONFIG } from '../../cluster/kind/settings.js';

const ROOT = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

const COMPOSE = z.object({
  services: z.object({
    lab: z.object({
      build: z.union([z.string(), z.object({ context: z.string() }).passthrough()]),
      container_name: z.string(),
      command: z.array(z.string()),
      environment: z.record(z.string(), z.string()),
      ports: z.array(z.union([z.string(), z.object({ target: z.number(), published: z.union([z.string(), z.number()]), host_ip: z.string().optional() }).passthrough()])),
      volumes: z.array(z.union([z.string(), z.object({ source: z.string(), target: z.string() }).passthrough()])),
      networks: z.union([z.array(z.string()), z.record(z.string(), z.unknown())]),
    }).passthrough(),
  }),
  networks: z.record(z.string(), z.object({ name: z.string() }).passthrough()),
});
type Compose = z.infer<typeof COMPOSE>;

/** Compose's `${VAR:-default}` with the environment empty, as `docker compose config` resolves it. */
function interpolate(text: string): string {
  return text.replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_m, _name: string, fallback?: string) => fallback ?? '');
}

async function composeModel(): Promise<{ model: Compose; via: string }> {
  try {
    const { stdout } = await run('docker', ['compose', '-f', join(ROOT, 'docker-compose.yml'), 'config', '--format', 'json'], { env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 });
    return { model: COMPOSE.parse(JSON.parse(stdout)), via: 'docker compose config' };
  } catch {
    // No compose plugin here (e.g. "docker: unknown command: docker compose"): our own schema check.
    return { model: COMPOSE.parse(parse(interpolate(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')))), via: 'schema' };
  }
}

function volumePair(v: Compose['services']['lab']['volumes'][number]): [string, string] {
  if (typeof v !== 'string') return [v.source, v.target];
  const [source = '', target = ''] = v.split(':');
  return [source, target];
}

describe('docker-compose.yml', () => {
  it('runs `kubelab start --runtime kind` on all interfaces, with flags the command really has', async () => {
    const { model } = await composeModel();
    const [subcommand, ...flags] = model.services.lab.command;
    expect(subcommand).toBe('start');
    const { values } = parseCommandArgs(start, flags);
    expect(values).toMatchObject({ runtime: 'kind', host: '0.0.0.0', expose: true, port: '3000', 'data-dir': '/var/lib/kubelab' });
  });

  it('mounts the Docker socket, and the data directory at the same path inside and out', async () => {
    const { model } = await composeModel();
    const volumes = model.services.lab.volumes.map(volumePair);
    expect(volumes).toContainEqual(['/var/run/docker.sock', '/var/run/docker.sock']);
    expect(volumes).toContainEqual(['/var/lib/kubelab', '/var/lib/kubelab']);
  });

  it('joins the kind network and tells the lab to use internal kubeconfigs and its own container name', async () => {
    const { model } = await composeModel();
    const lab = model.services.lab;
    const networks = Array.isArray(lab.networks) ? lab.networks : Object.keys(lab.networks);
    expect(networks).toEqual(['kind']);
    expect(model.networks.kind?.name).toBe('kind');
    expect(lab.environment[ENV_INTERNAL_KUBECONFIG]).toBe('1');
    expect(lab.environment[ENV_CONTAINER_NAME]).toBe(lab.container_name);
  });

  it('publishes the lab on the host loopback only by default', async () => {
    const { model } = await composeModel();
    const [port] = model.services.lab.ports;
    expect(typeof port === 'string' ? port : `${port!.host_ip}:${port!.published}:${port!.target}`).toBe('127.0.0.1:3000:3000');
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('puts kind, the docker CLI, kubectl, jq and curl into the image the lab runs in', () => {
    expect(finalStage).toMatch(/COPY --from=kind \/out\/kind \/usr\/local\/bin\/kind/);
    expect(finalStage).toMatch(/COPY --from=docker-cli \/usr\/local\/bin\/docker \/usr\/local\/bin\/docker/);
    expect(finalStage).toMatch(/apt-get install -y --no-install-recommends[^\n]*\bcurl\b[^\n]*\bjq\b/);
    expect(finalStage).toContain('ln -s');
    expect(finalStage).toContain('/usr/local/bin/kubectl');
    expect(dockerfile).toMatch(/go install sigs\.k8s\.io\/kind@\$\{KIND_VERSION\}/);
  });

  it('its default command is a valid `kubelab start --runtime kind`', () => {
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(finalStage)![1]!) as string[];
    expect(cmd[0]).toBe('start');
    expect(parseCommandArgs(start, cmd.slice(1)).values).toMatchObject({ runtime: 'kind', host: '0.0.0.0', expose: true });
    expect(/^ENTRYPOINT (\[.*\])$/m.exec(finalStage)![1]).toBe('["node", "/app/bin/kubelab.js"]');
  });

  it('builds kind at a release new enough for every pinned node image', async () => {
    const { VERSIONS, KUBE_VERSIONS } = await import('../../cluster/versions.js');
    const { atLeast, releaseVersion } = await import('../../cluster/kind/kind-version.js');
    const kind = releaseVersion(/ARG KIND_VERSION=(v[\d.]+)/.exec(dockerfile)![1]!);
    for (const v of KUBE_VERSIONS) expect(atLeast(kind, releaseVersion(VERSIONS[v].kind.minVersion))).toBe(true);
  });
});
