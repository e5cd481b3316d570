# syntax=docker/dockerfile:1

# ---- build: compile TypeScript and native modules, then drop dev dependencies ----
FROM node:20-bookworm-slim AS build
# better-sqlite3 falls back to compiling from source (node-gyp) when no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev

# ---- runtime: production dependencies and compiled output only ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
# Named volumes mounted on /data start with this folder's ownership, so node can write to them.
RUN mkdir -p /data && chown node:node /data
# Application files stay owned by root: the node user can read them, not change them.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
# A bounded heap (as `npm start`): V8 collects before it grows, so the service stays under 300 MB (docs/benchmarks.md, f).
CMD ["node", "--max-old-space-size=176", "--max-semi-space-size=8", "dist/main.js"]
