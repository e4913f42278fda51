# The app image: dependencies, Prisma client and a production build at image build time.
FROM node:24-bookworm-slim
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts tsconfig.json ./
COPY scripts ./scripts
RUN npm install --no-audit --no-fund
COPY . .
RUN npx tsx -e "require('./scripts/lib/build').ensureBuild() || process.exit(1)"
EXPOSE 3000
CMD ["npm", "start"]
