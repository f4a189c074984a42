import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["server/**/*.test.ts", "contracts/**/*.test.ts", "bench/**/*.test.ts"],
    // Each file boots the real app on its own database (PGlite in memory, or a fresh PostgreSQL database).
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
