#!/usr/bin/env bash
# `kubectl logs` as any user runs it: the API server fetches /containerLogs/ from the kubelet as
# kube-apiserver-kubelet-client, and the kubelet authorizes that identity for nodes/proxy. When it
# may not, the kubelet's own Forbidden text comes back through the API server.
set -uo pipefail
echo "\$ kubectl logs -n payments checkout -c app --tail=3"
out=$(kubectl logs -n payments checkout -c app --tail=3 2>&1)
code=$?
printf '%s\n' "$out" | head -3
exit "$code"
