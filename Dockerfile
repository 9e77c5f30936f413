# syntax=docker/dockerfile:1
# A scheduled scan in a container: credentials come from the task role (ECS/EKS) or the
# environment, reports go to /reports (mount a volume). Runs as an unprivileged user.
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY checks ./checks
COPY data ./data
COPY scripts ./scripts
COPY test ./test
RUN npm ci --ignore-scripts --no-audit --no-fund && npx tsc -p tsconfig.json && npm prune --omit=dev

FROM node:20.20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/checks ./dist/checks
COPY --from=build /app/dist/data ./dist/data
COPY data ./data
COPY policy ./policy
USER node
VOLUME ["/reports"]
ENTRYPOINT ["node", "/app/dist/src/cli.js"]
CMD ["scan", "--out", "/reports"]
