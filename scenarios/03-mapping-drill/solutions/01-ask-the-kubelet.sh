#!/usr/bin/env bash
# Probe each endpoint group as an identity without grants and record what the 403 names.
set -euo pipefail
TOKEN=$(kubectl create token nobody -n drill)
# The subresource list of a 403 body, space-separated: "subresource=proxy" or "subresource(s)=[pods proxy]".
asked() {
  curl -sk -H "Authorization: Bearer $TOKEN" "$@" | sed -E 's/.*subresource(\(s\))?=\[?([^])]*)\]?\)?.*/\2/' | tr -d '\n'
}
verb() {
  curl -sk -H "Authorization: Bearer $TOKEN" "$@" | sed -E 's/.*verb=([^,]*),.*/\1/' | tr -d '\n'
}
base="https://$NODE_IP:$KUBELET_PORT"
env_file=$(mktemp)
trap 'rm -f "$env_file"' EXIT
cat > "$env_file" <<ENV
pods=$(asked "$base/pods")
runningpods=$(asked "$base/runningpods/")
healthz=$(asked "$base/healthz")
configz=$(asked "$base/configz")
metrics=$(asked "$base/metrics/cadvisor")
stats=$(asked "$base/stats/summary")
logs=$(asked "$base/logs/")
containerLogs=$(asked "$base/containerLogs/drill/web/app")
exec=$(asked "$base/exec/drill/web/app?command=id")
checkpoint=$(asked -X POST "$base/checkpoint/drill/web/app")
run-verb=$(verb -X POST "$base/run/drill/web/app?cmd=id")
ENV
cat "$env_file" >&2
kubectl -n kubelab create configmap mapping --from-env-file="$env_file" --dry-run=client -o yaml \
  | kubectl apply -f -
