#!/usr/bin/env bash
# Mistake: removing the dangerous grant without giving the agent what it needs.
set -euo pipefail
kubectl delete clusterrolebinding node-agent-legacy
kubectl delete clusterrole node-agent-legacy
