# syntax=docker/dockerfile:1
# One image for every role: ROLE=gateway | renderer (Kubernetes, port 3000) and ROLE=function
# (FC 3.0 custom container, port 9000). Stages: deps (all dependencies, for the build) → build
# (npm run build) → runtime (production dependencies + build output only, non-root).
# Checked offline by test/deploy/dockerfile-*.test.ts (lint, project rules, runtime-stage smoke test).
# Pin the base by digest in your registry mirror for reproducible builds, e.g. node:22-bookworm-slim@sha256:…

FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
# .dockerignore keeps node_modules, dist, tests, k8s and secrets out of the context.
COPY . .
RUN npm run build

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
# Production dependencies only, installed the way the lockfile says; no lifecycle scripts run.
# Files stay owned by root, so the unprivileged process cannot modify its own code.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/node ./dist/node
# The app (SSR_APP, default: this directory's ssr-offload.config.json → the demo shop): its descriptor, its
# self-contained server module and its client build. Another app: build it into dist/ (its outDir) and
# copy the same three, or set SSR_APP to where you copied it.
COPY --from=build /app/ssr-offload.config.json ./
COPY --from=build /app/dist/app ./dist/app
COPY --from=build /app/dist/client ./dist/client
# uid/gid 1000 is the image's `node` user; numeric so Kubernetes runAsNonRoot can verify it.
USER 1000:1000
# 9464: the gateway's admin listener (ADMIN_PORT; /metrics and operator endpoints), never published to the edge.
EXPOSE 3000 9000 9464
# Used by Docker/podman only (Kubernetes uses its probes, FC its healthCheckConfig). The port follows
# the same rule as server/config.ts: PORT, else 9000 for ROLE=function, else 3000.
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "const e=process.env;const p=e.PORT||(e.ROLE==='function'?(e.FC_CUSTOM_LISTEN_PORT||e.FC_SERVER_PORT||9000):3000);require('node:http').get({host:'127.0.0.1',port:p,path:'/healthz',timeout:2000},r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))"]
# Exec form: node is PID 1 and receives SIGTERM directly; server/main.ts handles it (readiness 503,
# drain, exit within SHUTDOWN_GRACE_MS). No shell wrapper, no npm start (npm does not forward signals).
CMD ["node", "dist/node/server/main.js"]
