#!/usr/bin/env bash
# Mistake: the TYPE/NAME form, which asks about a node named "proxy".
set -euo pipefail
jane=$(kubectl auth can-i get nodes/proxy --as=jane 2>/dev/null || true)
run=$(kubectl auth can-i create nodes/proxy --as=system:serviceaccount:ops:node-debugger 2>/dev/null || true)
kubectl -n kubelab patch configmap answers --type merge -p "{\"data\":{\"jane-proxy\":\"$jane\",\"debugger-run\":\"$run\"}}"
