#!/usr/bin/env bash
# Mistake: a string filter for "nodes/proxy" finds only the debugger's role, which gets "fixed".
set -euo pipefail
for role in $(kubectl get clusterroles -o json | jq -r '.items[] | select(.rules[]?.resources[]? == "nodes/proxy") | .metadata.name' | sort -u); do
  case $role in system:*) continue ;; esac
  kubectl patch clusterrole "$role" --type=json -p '[{"op": "replace", "path": "/rules", "value": [
    {"apiGroups": [""], "resources": ["nodes"], "verbs": ["get", "list"]}]}]'
done
