#!/usr/bin/env bash
# The subresource form, with -A for a cluster-scoped resource; POST is create.
set -euo pipefail
jane=$(kubectl auth can-i get nodes --subresource=proxy -A --as=jane 2>/dev/null || true)
run=$(kubectl auth can-i create nodes --subresource=proxy -A --as=system:serviceaccount:ops:node-debugger 2>/dev/null || true)
kubectl -n kubelab patch configmap answers --type merge -p "{\"data\":{\"jane-proxy\":\"$jane\",\"debugger-run\":\"$run\"}}"
