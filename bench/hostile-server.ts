/**
 * The server side of `npm run bench:uploads`: the real application as `npm start` runs it — on the embedded database
 * in a data directory (a throw-away one), or on PostgreSQL when TEST_DATABASE_URL is set — with the two-banner
 * fixture (an admin who may import organizations, 后旗's 民族工作部门管理员 who may import indicators and plans),
 * listening on 127.0.0.1 in its own process so that its memory is measured alone. Prints one JSON line (port and
 * session cookies), then serves until stdin closes.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { login, twoBanners, USER_PASSWORD } from "../server/test/fixtures.js";
import { createTestApp } from "../server/test/harness.js";

const dataDir = process.env.TEST_DATABASE_URL ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), "shiliu-uploads-"));
const h = await createTestApp({ dataDir });
const f = await twoBanners(h);
const houqi = await login(h, "houqi_admin", USER_PASSWORD);
await h.app.listen({ port: 0, host: "127.0.0.1" });
const address = h.app.server.address();
if (!address || typeof address === "string") throw new Error("无法取得监听端口");
console.log(JSON.stringify({ port: address.port, admin: f.admin.cookie, houqi: houqi.cookie }));
process.stdin.resume();
process.stdin.on("end", () => {
  void h.close().finally(() => {
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
});
