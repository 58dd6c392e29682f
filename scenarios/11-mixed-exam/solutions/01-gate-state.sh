#!/usr/bin/env bash
# The feature metric says whether the gate exists, its stage and its state; a 403 for /pods lists
# the subresources the kubelet tried.
set -euo pipefail
TOKEN=$(kubectl create token inspector -n monitoring)
kubelet() { curl -sk -H "Authorization: Bearer $TOKEN" "https://$NODE_IP:$KUBELET_PORT$1"; }
line=$(kubelet /metrics | grep '^kubernetes_feature_enabled{name="KubeletFineGrainedAuthz"' || true)
if [ -z "$line" ]; then
  stage=none; enabled=absent
else
  stage=$(sed -E 's/.*stage="([^"]*)".*/\1/' <<<"$line"); stage=${stage:-GA}
  [ "${line##* }" = 1 ] && enabled=on || enabled=off
fi
# "... subresource=proxy)" on v1.31, "... subresource(s)=[pods proxy])" since v1.32.
checks=$(kubelet /pods | sed -nE 's/.*subresource(\(s\))?=\[?([a-z ]+)\]?\).*/\2/p')
kubectl -n kubelab patch configmap answers --type merge -p "$(jq -n --arg s "$stage" --arg e "$enabled" --arg c "$checks" \
  '{data: {"gate-stage": $s, "gate-enabled": $e, "pods-checks": $c}}')"
