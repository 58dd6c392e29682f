#!/usr/bin/env bash
# Mistake: assuming the runtime knows a static pod by the UID kubectl shows.
set -euo pipefail
kubectl -n kubelab patch configmap answers --type merge -p '{"data":{
  "static-pods":"4","runtime-uid":"a","completed":"a",
  "inventory-endpoint":"/pods"}}'
