#!/usr/bin/env bash
# Mistake: taking nodes/proxy out of the built-in role instead of moving the exporter off it.
set -euo pipefail
kubectl get clusterrole system:kubelet-api-admin -o json \
  | jq '.rules |= map(.resources |= map(select(. != "nodes/proxy")) | select(.resources | length > 0))' \
  | kubectl replace -f -
