#!/usr/bin/env bash
# The built-in role still carries nodes/proxy (the API server's kubelet client relies on it).
# A shell check rather than a `resource` check: the grader requests system%3Akubelet-api-admin,
# which the embedded API server does not percent-decode yet (kubectl sends the ":" as is).
set -uo pipefail
echo "\$ kubectl get clusterrole system:kubelet-api-admin -o jsonpath='{.rules[*].resources}'"
out=$(kubectl get clusterrole system:kubelet-api-admin -o jsonpath='{.rules[*].resources}' 2>&1) || { echo "$out"; exit 1; }
echo "$out"
grep -q '"nodes/proxy"' <<<"$out"
