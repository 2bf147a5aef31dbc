# syntax=docker/dockerfile:1
# GRIP's one image: every role, chosen at run time by ROLES (docs/cluster.md, docs/deploy.md).
# The base is pinned by exact tag (Node 26, the active LTS in December 2026; Debian trixie slim
# because chDB's prebuilt library is glibc-only, so no Alpine). Override with
# --build-arg NODE_IMAGE=node:<x.y.z>-trixie-slim (or an @sha256 digest) to move it.
ARG NODE_IMAGE=node:26.12.0-trixie-slim

# ---- build: the lock file decides every version; devDependencies only live here ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY scripts ./scripts
COPY apps ./apps
COPY libs ./libs
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: compiled JS, production dependencies, no npm cache, not root ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    MQTT_PORT=1884 \
    DATA_DIR=/data \
    DEMO=false \
    ROLES=all
WORKDIR /app
# The node image's unprivileged user (uid 1000). DATA_DIR only holds the data-dir lock here:
# in a cluster the stores are servers (DATABASE_URL, CLICKHOUSE_URL).
RUN mkdir -p /data && chown 1000:1000 /data
COPY --from=build --chown=1000:1000 /app/package.json ./package.json
COPY --from=build --chown=1000:1000 /app/node_modules ./node_modules
COPY --from=build --chown=1000:1000 /app/dist ./dist
USER 1000:1000
EXPOSE 3000 1884
# Liveness only (the process answers); readiness, which checks the stores, is the orchestrator's.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# ROLES selects the role; `node dist/apps/platform/src/migrate.js` runs the migrations only.
CMD ["node", "--enable-source-maps", "dist/apps/platform/src/main.js"]
