#!/usr/bin/env bash
# Read the gate's line from /metrics and the explicit gates from /configz, then record the answers.
set -euo pipefail
TOKEN=$(kubectl create token inspector -n monitoring)
line=$(curl -sk -H "Authorization: Bearer $TOKEN" "https://$NODE_IP:$KUBELET_PORT/metrics" \
  | grep '^kubernetes_feature_enabled{name="KubeletFineGrainedAuthz"' || true)
explicit=$(kubectl get --raw "/api/v1/nodes/$NODE_NAME/proxy/configz" | jq -r '.kubeletconfig.featureGates.KubeletFineGrainedAuthz // "unset"')
if [ -z "$line" ]; then
  stage=none; default=absent; now=absent
else
  stage=$(sed -E 's/.*stage="([^"]*)".*/\1/' <<<"$line"); stage=${stage:-GA}
  [ "${line##* }" = 1 ] && now=on || now=off
  # Beta and GA gates are on by default; an explicit false in /configz is an operator's choice.
  default=on
  echo "configz sets the gate: $explicit" >&2
fi
kubectl -n kubelab patch configmap answers --type merge \
  -p "{\"data\":{\"gate-stage\":\"$stage\",\"gate-default\":\"$default\",\"gate-now\":\"$now\"}}"
