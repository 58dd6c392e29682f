#!/usr/bin/env bash
# Mistake: asking can-i in each binding's namespace, so a RoleBinding seems to grant nodes/proxy.
set -euo pipefail
kubectl auth can-i get nodes --subresource=proxy -n team-a --as=system:serviceaccount:team-a:dashboard >/dev/null 2>&1 && dashboard=yes || dashboard=no
list="ServiceAccount:monitoring/prometheus ServiceAccount:monitoring/metrics-server ServiceAccount:monitoring/node-health"
list="$list ServiceAccount:ci/deploy-bot ServiceAccount:ops/node-debugger Group:sre-oncall"
[ "$dashboard" = yes ] && list="$list ServiceAccount:team-a/dashboard"
kubectl -n kubelab patch configmap answers --type merge -p "$(jq -n --arg s "$list" --arg d "$dashboard" \
  '{data: {"proxy-subjects": $s, "control-plane-serviceaccounts": "generic-garbage-collector namespace-controller", "dashboard-can-proxy": $d}}')"
