# syntax=docker/dockerfile:1

# Production image of the Cliengo fulfillment service. To try it on your machine:
#   docker build -t cliengo-fulfillment .
#   docker run --rm -p 3000:3000 -e ACCESS_TOKENS=... cliengo-fulfillment
# For Kubernetes, build and push the image deploy/k8s/kustomization.yaml names (`images:`,
# with your registry and the version's tag): the README's "Operations" section takes the name
# from there.
# Node 24: an LTS line, supported until April 2028. Development and the first CI run use
# Node 20 (.nvmrc), which reached end of life in April 2026 and is no base for production;
# CI runs the whole suite a second time on this image's major, read from the FROM lines
# below, so the Node that ships is a tested one. package.json's engines admit both.

# ---- build: compile TypeScript (needs the devDependencies: Nest CLI, TypeScript) ----------
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: the build needs none, and npm 11 asks for approval of each one.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
# `nest build` also copies the assets the service reads at runtime
# (src/contract/examples/*.json -> dist/contract/examples/).
RUN npm run build

# ---- runtime: production dependencies and the compiled service only ----------------------
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# package.json stays next to dist/: the service reads its version from it.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY --from=build /app/dist ./dist

# The image's own unprivileged user (uid 1000); Kubernetes sets runAsUser to the same id.
USER node
EXPOSE 3000
# Slim images have no curl: Node's built-in fetch probes the liveness endpoint.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3000}/health/live`, { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form: node is PID 1 and receives SIGTERM itself, then shuts down gracefully.
STOPSIGNAL SIGTERM
CMD ["node", "dist/service/main.js"]
