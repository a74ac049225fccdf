FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund
COPY . .
# Workers get SIGTERM straight from the container runtime and shut down gracefully.
CMD ["npx", "tsx", "src/entrypoints/start.ts"]
