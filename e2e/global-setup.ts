import { demoTemplate } from "./demo-template.js";

/** Seeds the shared demo data once, before the spec files start, so no two files seed it at once (E2E_WORKERS=2). */
export default function setup() {
  const t0 = Date.now();
  demoTemplate();
  console.log(`[e2e] demo data ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
