#!/usr/bin/env bash
# Mistake: "nodes/*" to cover every kubelet path; RBAC reads it as a literal subresource "*".
set -euo pipefail
kubectl create clusterrole node-doctor --verb=get --resource='nodes/*'
kubectl create clusterrolebinding node-doctor --clusterrole=node-doctor --serviceaccount=drill:node-doctor
