# syntax=docker/dockerfile:1
# A scheduled scan in a container: credentials come from the task role (ECS/EKS) or the
# environment, reports go to /reports (mount a volume, or add --upload s3://…). Runs as an
# unprivileged user, with a read-only root filesystem: it writes only under /reports and /tmp
# (mount a tmpfs there). No credentials are baked in; .dockerignore keeps local files out.
# Node 24 is the current LTS line (Node 20 reached end of life on 2026-04-30). For reproducible
# builds, pin the digest: FROM node:24-bookworm-slim@sha256:<digest>.

# The CLI as one bundle (scripts/bundle.mjs: esbuild, the SDK included). esbuild strips the types;
# type-checking and the tests are CI's job, so neither test/ nor tsc is needed here.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY src ./src
COPY checks ./checks
COPY data ./data
COPY scripts/bundle.mjs ./scripts/bundle.mjs
RUN node scripts/bundle.mjs

# Production dependencies only: the bundle reads the IAM action catalogue's data files from
# node_modules at run time; nothing else there is loaded, but npm decides what production means.
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist/bundle ./dist/bundle
COPY package.json ./
COPY bin ./bin
COPY policy ./policy
# /reports belongs to the unprivileged user, so a new named volume mounted there (which takes the
# folder's ownership) is writable by it. A bind mount keeps the host folder's owner: make that
# folder writable by uid 1000, or the scan stops at once with "cannot write to --out /reports".
RUN mkdir -p /reports && chown node:node /reports
USER node
VOLUME ["/reports"]
# A container stop sends SIGTERM: the scan stops, writes no partial file and exits 143.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "/app/bin/lambda-posture.mjs"]
# Findings do not fail a scheduled run: --fail-on none exits 0 (or 3 when reads failed). Tell
# failures of the job apart by exit code (README, "In a container"): 2, 4, 6, 7 are the setup and
# not worth a retry; 5 (network) is.
CMD ["scan", "--out", "/reports", "--fail-on", "none"]
