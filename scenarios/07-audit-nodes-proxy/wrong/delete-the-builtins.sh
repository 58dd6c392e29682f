#!/usr/bin/env bash
# Mistake: everything right, then the audit's remaining findings in kube-system are "cleaned up" too.
set -euo pipefail
bash "$SCENARIO_DIR/solutions/03-ci-oncall-and-the-exec-tool.sh"
kubectl delete clusterrolebinding system:controller:generic-garbage-collector system:controller:namespace-controller
