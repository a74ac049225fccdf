# One image for every Tandem process; docker-compose.yml picks each service's entrypoint.
FROM node:20-bookworm-slim
WORKDIR /app

# Dependencies first, so a change to the sources alone reuses this layer. The install's postinstall
# generates the Prisma client and builds the admin panel: it needs the schema and the admin workspace.
# The emulators workspace needs only its package.json here, for npm to install its dependencies and
# link it; its sources come with the rest below.
# (`npm install`, not `npm ci`: the lock file has no entries for other platforms' optional binaries.)
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY admin ./admin
COPY packages/emulators/package.json ./packages/emulators/
RUN npm install --no-audit --no-fund && npm cache clean --force
COPY . .
# The sources came after the install: compile the entrypoints to dist/ now (about a second).
RUN node scripts/build.mjs

# After the install and the build: with NODE_ENV=production npm would leave out esbuild, which builds.
ENV NODE_ENV=production
# The C allocator gives back what Node frees (start-up's compilation buffers above all) instead of
# keeping it: few arenas, and fixed trim and mmap thresholds at glibc's initial 128 KiB (otherwise
# raised for good by the first large free). About 40 MB less resident memory, as `npm start` sets it.
ENV MALLOC_ARENA_MAX=2 MALLOC_TRIM_THRESHOLD_=131072 MALLOC_MMAP_THRESHOLD_=131072
RUN mkdir -p .data && chown node:node .data
USER node
# 3000: the API (PORT). 8090: /healthz and /readyz of worker, telegram, discord (HEALTH_PORT).
# 8443: the Telegram webhook (TELEGRAM_WEBHOOK_PORT), in webhook mode.
EXPOSE 3000 8090 8443
# Node itself, not npm, receives SIGTERM and shuts down gracefully (run with an init such as
# `docker run --init` / compose `init: true` to reap children).
# The default is everything in one process, as `npm start` runs it (a small young generation: the
# one-machine mode favours memory); set DATABASE_URL and REDIS_URL (there is no redis-server in the
# image). docker-compose.yml runs api, worker, telegram and discord as services of their own.
CMD ["node", "--max-semi-space-size=4", "dist/entrypoints/start.js"]
