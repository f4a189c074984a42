/**
 * The server side of `npm run bench:uploads`: the real application on an in-memory database with the two-banner
 * fixture (an admin who may import organizations, 后旗's 民族工作部门管理员 who may import indicators and plans),
 * listening on 127.0.0.1 in its own process so that its memory is measured alone. Prints one JSON line (port and
 * session cookies), then serves until stdin closes.
 */
import { login, twoBanners, USER_PASSWORD } from "../server/test/fixtures.js";
import { createTestApp } from "../server/test/harness.js";

const h = await createTestApp();
const f = await twoBanners(h);
const houqi = await login(h, "houqi_admin", USER_PASSWORD);
await h.app.listen({ port: 0, host: "127.0.0.1" });
const address = h.app.server.address();
if (!address || typeof address === "string") throw new Error("无法取得监听端口");
console.log(JSON.stringify({ port: address.port, admin: f.admin.cookie, houqi: houqi.cookie }));
process.stdin.resume();
process.stdin.on("end", () => {
  void h.close().finally(() => process.exit(0));
});
