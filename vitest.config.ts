import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The console's pure logic (web/**/*.test.ts) runs here too; its browser behaviour is in e2e/.
    include: ["server/**/*.test.ts", "contracts/**/*.test.ts", "bench/**/*.test.ts", "web/**/*.test.ts"],
    // The migrated, region-loaded database is prepared once per run (PGlite: a cached dump; PostgreSQL: a
    // template database) and each file boots the real app on its own copy (server/test/template.ts).
    globalSetup: ["server/test/global-setup.ts"],
    // Generous limits: a shared 2-core machine at load 8 runs everything about four times slower.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
    // Files share their worker's loaded modules (each still boots its own app on its own database copy): the
    // app's import graph is loaded once per worker instead of once per file — the suite's largest cost.
    isolate: false,
  },
});
