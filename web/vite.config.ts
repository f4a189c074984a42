import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Two entries from one build: the public portal at / (no Ant Design, kept small for phones) and the
 * staff console at /admin. In development, API calls are proxied to the server on :3000.
 */
export default defineConfig({
  root: here,
  base: "/",
  oxc: { jsx: { runtime: "automatic" } },
  build: {
    outDir: path.join(here, "..", "dist", "web"),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // antd marks its modules "use client" for React Server Components; meaningless in this SPA.
      onwarn(warning, warn) {
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        warn(warning);
      },
      input: { portal: path.join(here, "index.html"), admin: path.join(here, "admin", "index.html") },
    },
  },
  server: { port: 5173, proxy: { "/api": "http://localhost:3000" } },
});
