// `kubelet`: a live call to a node's kubelet with a fresh ServiceAccount token, as
// `curl -k -H "Authorization: Bearer $TOKEN" https://NODE_IP:10250/PATH` makes it, explained by
// the kubelet's authorization trail. When a decision the kubelet cached earlier, and that RBAC no
// longer supports, decided the answer, the check waits for that cache entry to expire (bounded)
// and asks again, and says so.

import type { KubeletCheck } from '../../scenarios/schema.js';
import { describeExplanation, explainKubeletRequest, type KubeletExplanation } from '../kubelet-trail.js';
import type { CheckOutcome } from '../report.js';
import type { GradingRun } from '../session.js';
import { shellCommand } from '../shell-words.js';
import type { KubeletResponse } from '../../../cluster/provider.js';
import { asList, shorten } from './output.js';

export async function runKubelet(check: KubeletCheck, run: GradingRun): Promise<CheckOutcome> {
  const { session } = run;
  const node = session.node(check.node);
  const token = check.serviceAccount ? await run.token(check.serviceAccount) : undefined;
  const view = await session.kubeletView(node, run.scenario);
  const ask = async (): Promise<{ response: KubeletResponse; explanation: KubeletExplanation }> => {
    const since = Date.now();
    const response = await session.target.kubeletRequest(node.name, { method: check.method, path: check.path, headers: token ? { Authorization: `Bearer ${token}` } : {} });
    const explanation = await explainKubeletRequest({ api: session.api, version: run.version, view, node: node.name, method: check.method, path: check.path, who: run.identity(check.serviceAccount), response, since, ...(session.decisions ? { decisions: session.decisions } : {}) });
    return { response, explanation };
  };

  let { response, explanation } = await ask();
  let note: string | undefined;
  if (explanation.staleUntil !== undefined) {
    const first = response.status;
    const waitMs = Math.min(Math.max(explanation.staleUntil - Date.now(), 0) + 250, session.options.maxCacheWaitMs);
    await session.options.sleep(waitMs);
    ({ response, explanation } = await ask());
    note =
      `The kubelet first answered ${first} from a decision it had cached before the last RBAC change. ` +
      `The grader waited ${formatMs(waitMs)} for that cache entry to expire and asked again` +
      (explanation.staleUntil !== undefined ? ', but a cached decision still decided it (the wait is capped).' : '.');
  }

  return {
    passed: matchesExpectation(check, response),
    command: kubeletCommand(check, node.internalIP, node.kubeletPort),
    output: `HTTP ${response.status}\n${shorten(response.body)}`.trimEnd(),
    expected: describeExpectation(check),
    why: [check.why, describeExplanation(explanation)].filter(Boolean).join(' '),
    ...(explanation.attempts.length ? { trail: explanation.attempts } : {}),
    ...(note ? { note } : {}),
  };
}

function matchesExpectation(check: KubeletCheck, res: KubeletResponse): boolean {
  return (
    res.status === check.expect.status &&
    asList(check.expect.bodyContains).every((text) => res.body.includes(text)) &&
    !asList(check.expect.bodyNotContains).some((text) => res.body.includes(text))
  );
}

function describeExpectation(check: KubeletCheck): string {
  const parts = [`HTTP ${check.expect.status}`];
  const has = asList(check.expect.bodyContains);
  const hasNot = asList(check.expect.bodyNotContains);
  if (has.length) parts.push(`a body containing ${has.map((t) => JSON.stringify(t)).join(' and ')}`);
  if (hasNot.length) parts.push(`a body without ${hasNot.map((t) => JSON.stringify(t)).join(' or ')}`);
  return parts.join(', ');
}

export function tokenCommand(serviceAccount: string): string {
  const [namespace = '', name = ''] = serviceAccount.split('/');
  return `TOKEN=$(${shellCommand(['kubectl', 'create', 'token', name, '-n', namespace])})`;
}

function kubeletCommand(check: KubeletCheck, ip: string, port: number): string {
  const url = `https://${ip}:${port}${check.path}`;
  const method = check.method === 'GET' ? [] : check.method === 'HEAD' ? ['-I'] : ['-X', check.method];
  const auth = check.serviceAccount ? ` -H "Authorization: Bearer $TOKEN"` : '';
  const curl = `curl -sk -w '\\nHTTP %{http_code}\\n'${method.length ? ` ${method.join(' ')}` : ''}${auth} ${shellCommand([url])}`;
  return check.serviceAccount ? `${tokenCommand(check.serviceAccount)}\n${curl}` : curl;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}
