import { defineConfig } from 'vitest/config';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';

const page = (name: string) => fileURLToPath(new URL(`./client/${name}`, import.meta.url));

export default defineConfig({
  root: 'client',
  plugins: [react()],
  // The server swaps this for a per-response nonce so the strict CSP allows exactly our tags.
  html: { cspNonce: 'CSP_NONCE_PLACEHOLDER' },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: { input: { web: page('index.html'), panel: page('panel.html') } },
  },
  test: {
    root: '.',
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 30_000,
    // Vitest's default leaves a core idle (one worker on CI's two cores); most tests wait on Postgres,
    // child processes or Chromium, so one worker per core roughly halves the run.
    maxWorkers: availableParallelism(),
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'server', include: ['tests/**/*.test.ts', 'server/**/*.test.ts', 'jobs/**/*.test.ts', 'db/**/*.test.ts'], exclude: ['tests/e2e/**'], environment: 'node' },
      },
      {
        extends: true,
        test: { name: 'client', include: ['client/**/*.test.tsx', 'client/**/*.test.ts'], environment: 'jsdom' },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], environment: 'node', testTimeout: 90_000 },
      },
    ],
  },
});
