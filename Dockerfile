# syntax=docker/dockerfile:1
# A scheduled scan in a container: credentials come from the task role (ECS/EKS) or the
# environment, reports go to /reports (mount a volume). Runs as an unprivileged user.
# Node 24 is the current LTS line (Node 20 reached end of life on 2026-04-30). For reproducible
# builds, pin the digest: FROM node:24-bookworm-slim@sha256:<digest>.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY checks ./checks
COPY data ./data
COPY scripts ./scripts
COPY test ./test
RUN npm ci --ignore-scripts --no-audit --no-fund && npx tsc -p tsconfig.json && node scripts/bundle.mjs && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/bundle ./dist/bundle
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/checks ./dist/checks
COPY --from=build /app/dist/data ./dist/data
COPY bin ./bin
COPY data ./data
COPY policy ./policy
# /reports belongs to the unprivileged user, so a new named volume mounted there (which takes the
# folder's ownership) is writable by it. A bind mount keeps the host folder's owner: make that
# folder writable by uid 1000, or the scan stops at once with "cannot write to --out /reports".
RUN mkdir -p /reports && chown node:node /reports
USER node
VOLUME ["/reports"]
ENTRYPOINT ["node", "/app/bin/lambda-posture.mjs"]
# Findings do not fail a scheduled run: --fail-on none exits 0 (or 3 when reads failed). Tell
# failures of the job apart by exit code (README, "In a container"): 2, 4, 6, 7 are the setup and
# not worth a retry; 5 (network) is.
CMD ["scan", "--out", "/reports", "--fail-on", "none"]
