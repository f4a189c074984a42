import { defineConfig } from "vitest/config";

/**
 * Browser tests: each spec file starts its own server (embedded database in its own directory, its own port and
 * clock) and browser; the demo data they copy is seeded once, before them. One file at a time by default: two at
 * once (E2E_WORKERS=2) timed out servers' starts at a load average of 16 on this 2-core machine.
 */
export default defineConfig({
  test: {
    include: ["e2e/**/*.spec.ts"],
    globalSetup: ["e2e/global-setup.ts"],
    testTimeout: 180_000,
    hookTimeout: 420_000,
    maxWorkers: Number(process.env.E2E_WORKERS ?? 1),
  },
});
