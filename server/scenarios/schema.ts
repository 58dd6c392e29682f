// The scenario format as zod schemas: scenario.yaml, a step's YAML, and one schema per check type.
// Each field's description is also the fix a validation message suggests, so keep them concrete.
// The format is documented for authors in docs/scenarios.md; change both together.

import { z } from 'zod';
import { KUBE_VERSIONS } from '../../cluster/versions.js';

const SLUG = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const versionSchema = z.enum(KUBE_VERSIONS, { error: `use one of ${KUBE_VERSIONS.map((v) => `"${v}"`).join(', ')} (quoted)` });
const versionList = z
  .array(versionSchema)
  .min(1)
  .describe(`a list of versions this applies to, e.g. ["${KUBE_VERSIONS[0]}"]`);

const slug = (what: string) => z.string().regex(SLUG, { error: `${what} must be lower-case letters, digits and "-"` });
const text = (what: string) => z.string().trim().min(1, { error: `${what} must not be empty` });

/** "namespace/name", as in `kubectl -n NAMESPACE ... NAME`. */
const namespacedName = (what: string) =>
  z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/, { error: `${what} must be "namespace/name"` });

/** A binding subject, written `Kind:name`: `ServiceAccount:monitoring/prometheus`, `User:alice`, `Group:system:masters`. */
export const subjectSchema = z
  .string()
  .regex(/^(ServiceAccount:[a-z0-9-]+\/[a-z0-9.-]+|User:.+|Group:.+)$/, {
    error: 'a subject is "ServiceAccount:NAMESPACE/NAME", "User:NAME" or "Group:NAME"',
  })
  .describe('a subject such as "ServiceAccount:monitoring/prometheus", "User:alice" or "Group:system:masters"');

// ---------------------------------------------------------------- scenario.yaml

const clusterSettings = z
  .object({
    nodes: z.number().int().min(1).max(10).optional().describe('the number of nodes (one control plane plus workers), 1 to 10'),
    featureGates: z.record(z.string(), z.boolean()).optional().describe('a mapping of feature gate names to true/false, e.g. {KubeletFineGrainedAuthz: false}'),
    kubeletConfig: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('a KubeletConfiguration patch as a YAML mapping, e.g. {authentication: {webhook: {enabled: false}}}'),
  })
  .strict();

export const scenarioFileSchema = z
  .object({
    id: slug('id').describe('the scenario id: lower-case words joined by "-", the folder name without its "NN-" prefix'),
    title: text('title').describe('a short title, e.g. "Why nodes/proxy was the only option"'),
    summary: text('summary').describe('one or two sentences saying what the learner will do'),
    difficulty: z.enum(['beginner', 'intermediate', 'advanced'], { error: 'use beginner, intermediate or advanced' }),
    minutes: z.number().int().min(1).max(240).describe('the expected time in minutes, 1 to 240'),
    versions: z
      .partialRecord(versionSchema, clusterSettings.nullable())
      .refine((v) => Object.keys(v).length > 0, { error: 'list at least one version' })
      .describe(`a mapping of each version the scenario runs on to its cluster overrides (or {}), e.g. {"${KUBE_VERSIONS[1]}": {}}`),
    cluster: clusterSettings
      .extend({
        webhookCache: z
          .enum(['short', 'default'], { error: 'use short (1s TTLs, the default) or default (the kubelet defaults: 5m/30s/2m)' })
          .optional(),
      })
      .optional()
      .describe('cluster settings for every version: nodes, featureGates, kubeletConfig, webhookCache'),
    setup: z
      .array(
        z.union([
          z.string(),
          z.object({ file: z.string().describe('a path under setup/'), versions: versionList.optional() }).strict(),
        ]),
      )
      .optional()
      .describe('setup files in the order they run: "setup/NAME.yaml" (applied with kubectl) or "setup/NAME.sh" (run with bash)'),
    wrongSolutions: z
      .array(
        z
          .object({
            file: z.string().describe('a bash script under wrong/'),
            step: z.number().int().min(1).describe('the step number the wrong solution attempts'),
            versions: versionList.optional(),
            why: text('why').describe('one sentence: why this looks right and why it is wrong'),
            failsChecks: z.array(z.string()).min(1).optional().describe('ids of the checks that must catch it'),
          })
          .strict(),
      )
      .describe('plausible wrong solutions that the grader must fail: at least two per version'),
  })
  .strict();

export type ScenarioFile = z.infer<typeof scenarioFileSchema>;
export type ClusterSettings = z.infer<typeof clusterSettings>;

// ---------------------------------------------------------------- checks

const checkCommon = {
  id: slug('a check id').describe('a check id, unique in the step, e.g. "pods-allowed"'),
  title: text('title').describe('what the check verifies, as a sentence, e.g. "Prometheus can list the pods on the node"'),
  why: text('why').describe('one or two sentences tying the expected result to the concept'),
  before: z
    .enum(['fail', 'pass', 'any'], { error: 'use fail (the learner must change this), pass (it already holds and must keep holding) or any' })
    .default('fail')
    .describe('what this check gives on an untouched cluster: fail (default), pass or any'),
  versions: versionList.optional(),
};

const stringOrList = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const canICheckSchema = z
  .object({
    ...checkCommon,
    type: z.literal('can-i'),
    verb: z.string().regex(/^[a-z*]+$/, { error: 'a verb is one word, e.g. get' }).describe('the verb, e.g. get'),
    resource: z
      .string()
      .regex(/^[a-z*][a-z0-9.*]*$/, {
        error: 'a resource has no "/": `kubectl auth can-i get nodes/proxy` asks about a node NAMED proxy. Use resource: nodes, subresource: proxy',
      })
      .describe('the resource, e.g. nodes'),
    subresource: z.string().regex(/^[a-z*]+$/).optional().describe('the subresource, e.g. proxy'),
    name: z.string().optional().describe('a resource name, for rules with resourceNames'),
    namespace: z.string().optional().describe('the namespace (-n); leave it out for cluster-scoped resources and set allNamespaces'),
    allNamespaces: z.boolean().optional().describe('true to pass -A (no namespace): use it for nodes'),
    as: z.string().min(1).describe('the user to impersonate, e.g. system:serviceaccount:monitoring:prometheus'),
    asGroups: z.array(z.string().min(1)).optional().describe('groups to impersonate (--as-group)'),
    expect: z.enum(['yes', 'no'], { error: 'expect yes or no' }),
  })
  .strict();

const kubeletCheckSchema = z
  .object({
    ...checkCommon,
    type: z.literal('kubelet'),
    serviceAccount: namespacedName('serviceAccount')
      .optional()
      .describe('the ServiceAccount whose token is sent, "namespace/name"; leave it out to send no credentials'),
    node: z.number().int().min(0).default(0).describe('which node, by position: 0 is the control plane'),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).default('GET'),
    path: z.string().regex(/^\//, { error: 'a kubelet path starts with "/", e.g. /pods' }).describe('the kubelet path, e.g. /pods'),
    expect: z
      .object({
        status: z.number().int().min(100).max(599).describe('the HTTP status, e.g. 200 or 403'),
        bodyContains: stringOrList.optional().describe('text (or a list of texts) the body must contain'),
        bodyNotContains: stringOrList.optional().describe('text (or a list of texts) the body must not contain'),
      })
      .strict(),
  })
  .strict();

const kubeletExecCheckSchema = z
  .object({
    ...checkCommon,
    type: z.literal('kubelet-exec'),
    serviceAccount: namespacedName('serviceAccount').describe('the ServiceAccount that opens the exec stream, "namespace/name"'),
    pod: namespacedName('pod').describe('the pod, "namespace/name"'),
    container: z.string().optional().describe('the container; default: the pod\'s first container'),
    command: z.array(z.string().min(1)).min(1).default(['id']).describe('the command and its arguments, e.g. ["cat", "/etc/hostname"]'),
    expect: z.enum(['allowed', 'denied'], { error: 'expect allowed or denied' }),
    outputContains: z.string().optional().describe('text the command output must contain (allowed only)'),
  })
  .strict();

const resourceCheckSchema = z
  .object({
    ...checkCommon,
    type: z.literal('resource'),
    kind: z.string().describe('the kind, e.g. ClusterRoleBinding'),
    name: z.string().min(1).describe('the object name'),
    namespace: z.string().optional().describe('the namespace, for namespaced kinds'),
    expect: z.union([
      z.object({ exists: z.boolean() }).strict(),
      z
        .object({
          jsonPath: z.string().regex(/^\{.*\}$/, { error: 'write the JSONPath as kubectl takes it, e.g. "{.roleRef.name}"' }),
          equals: z.string().optional(),
          contains: z.string().optional(),
          notContains: z.string().optional(),
          matches: z.string().optional(),
        })
        .strict()
        .refine((e) => [e.equals, e.contains, e.notContains, e.matches].filter((x) => x !== undefined).length === 1, {
          error: 'give exactly one of equals, contains, notContains, matches',
        }),
    ]),
  })
  .strict();

const noGrantCheckSchema = z
  .object({
    ...checkCommon,
    type: z.literal('no-grant'),
    verb: z.string().regex(/^[a-z*]+$/).describe('the verb, e.g. get'),
    resource: z.string().regex(/^[a-z*][a-z0-9.*]*$/, { error: 'a resource has no "/": set subresource separately' }).describe('the resource, e.g. nodes'),
    subresource: z.string().optional().describe('the subresource, e.g. proxy'),
    namespace: z.string().optional().describe('the namespace, for namespaced resources'),
    subjects: z.array(subjectSchema).min(1).optional().describe('the subjects that must not be able to do it'),
    except: z.array(subjectSchema).optional().describe('subjects allowed to do it; every other subject a binding names must not'),
    allowControlPlane: z
      .boolean()
      .default(true)
      .describe(
        "false to also flag the control plane's own identities (system:masters, kubeadm:cluster-admins, kube-apiserver-kubelet-client, and kube-system ServiceAccounts of the bootstrap policy)",
      ),
  })
  .strict()
  .refine((c) => !(c.subjects && c.except), { error: 'give either subjects (the set that must not) or except (the only ones that may), not both' });

const answerCheckSchema = z
  .object({
    ...checkCommon,
    type: z.literal('answer'),
    key: z.string().regex(/^[-._a-zA-Z0-9]+$/).describe('the answer key, e.g. pods-status'),
    configMap: namespacedName('configMap').default('kubelab/answers').describe('where answers live, "namespace/name" (default kubelab/answers)'),
    file: z.string().optional().describe('read the answer from this file instead (relative to the answers directory)'),
    expect: z.union([
      z.object({ equals: stringOrList }).strict(),
      z.object({ matches: z.string() }).strict(),
    ]),
    caseSensitive: z.boolean().default(false),
  })
  .strict();

const shellCheckSchema = z
  .object({
    ...checkCommon,
    type: z.literal('shell'),
    script: z.string().describe('a bash script in the scenario folder, e.g. checks/no-proxy-grants.sh'),
    timeoutSeconds: z.number().int().min(1).max(120).default(20),
  })
  .strict();

export const CHECK_SCHEMAS = {
  'can-i': canICheckSchema,
  kubelet: kubeletCheckSchema,
  'kubelet-exec': kubeletExecCheckSchema,
  resource: resourceCheckSchema,
  'no-grant': noGrantCheckSchema,
  answer: answerCheckSchema,
  shell: shellCheckSchema,
} as const;

export type CheckType = keyof typeof CHECK_SCHEMAS;
export const CHECK_TYPES = Object.keys(CHECK_SCHEMAS) as CheckType[];

export type CanICheck = z.infer<typeof canICheckSchema>;
export type KubeletCheck = z.infer<typeof kubeletCheckSchema>;
export type KubeletExecCheck = z.infer<typeof kubeletExecCheckSchema>;
export type ResourceCheck = z.infer<typeof resourceCheckSchema>;
export type NoGrantCheck = z.infer<typeof noGrantCheckSchema>;
export type AnswerCheck = z.infer<typeof answerCheckSchema>;
export type ShellCheck = z.infer<typeof shellCheckSchema>;
export type Check = CanICheck | KubeletCheck | KubeletExecCheck | ResourceCheck | NoGrantCheck | AnswerCheck | ShellCheck;

// ---------------------------------------------------------------- a step's YAML

export const stepFileSchema = z
  .object({
    versions: versionList.optional(),
    hints: z.array(text('a hint')).default([]).describe('hints in markdown, from gentle to explicit'),
    checks: z
      .array(z.record(z.string(), z.unknown()))
      .min(1, { error: 'a step needs at least one check' })
      .describe('the checks of the step (see docs/scenarios.md for the check types)'),
  })
  .strict();
