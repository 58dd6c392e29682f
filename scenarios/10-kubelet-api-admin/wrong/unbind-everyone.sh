#!/usr/bin/env bash
# Mistake: the exporter is fixed, and then every binding of the role goes, the API server's included.
set -euo pipefail
bash "$SCENARIO_DIR/solutions/03-least-privilege-exporter.sh"
kubectl delete clusterrolebinding kubeadm:apiserver-kubelet-client
