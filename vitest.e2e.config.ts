import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["e2e/**/*.spec.ts"],
    testTimeout: 180_000,
    hookTimeout: 420_000,
    fileParallelism: false,
  },
});
