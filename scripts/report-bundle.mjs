// Reports the JavaScript each entry page needs before it can render (gzip): the entry script and the
// chunks its HTML preloads. Lazily loaded console pages are not counted: they load when opened.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const dist = path.resolve("dist/web");
const budgets = { "portal (/)": ["index.html", 200], "console login (/admin)": ["admin/index.html", 600] };
let over = false;
for (const [name, [html, budgetKb]] of Object.entries(budgets)) {
  const text = fs.readFileSync(path.join(dist, html), "utf8");
  const files = [...text.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  let raw = 0;
  let gz = 0;
  for (const f of new Set(files)) {
    const buf = fs.readFileSync(path.join(dist, f));
    raw += buf.length;
    gz += zlib.gzipSync(buf, { level: 9 }).length;
  }
  const kb = (n) => (n / 1024).toFixed(1);
  const ok = gz / 1024 <= budgetKb;
  over ||= !ok;
  console.log(
    `${name}: ${files.length} 个脚本，${kb(raw)} KB，gzip ${kb(gz)} KB（预算 ${budgetKb} KB）${ok ? "" : " —— 超出预算"}`,
  );
}

// The Mongolian interface (issue 17): its strings and font are separate files fetched only when a visitor chooses
// 蒙古文, so they must not be among the first page's files (the portal's, nor the console's).
const assets = fs.readdirSync(path.join(dist, "assets"));
const portalHtml = fs.readFileSync(path.join(dist, "index.html"), "utf8");
const consoleHtml = fs.readFileSync(path.join(dist, "admin/index.html"), "utf8");
const fonts = assets.filter((f) => /^noto-sans-mongolian-.*\.woff2$/.test(f));
const mnChunks = assets.filter((f) => /^(mn|mongolian-400)-.*\.(js|css)$/.test(f));
const size = (f) => fs.statSync(path.join(dist, "assets", f)).size;
const gzip = (f) => zlib.gzipSync(fs.readFileSync(path.join(dist, "assets", f)), { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1);
if (fonts.length === 0) {
  console.log("蒙古文字体：未找到（web/portal/i18n.ts 应按需加载 @fontsource/noto-sans-mongolian）");
  over = true;
} else {
  const fontBytes = fonts.reduce((n, f) => n + size(f), 0);
  const mnGz = mnChunks.reduce((n, f) => n + gzip(f), 0);
  console.log(
    `蒙古文（选用时才加载）：字体 ${fonts.length} 个 woff2，${kb(fontBytes)} KB；文案与样式 ${mnChunks.length} 个文件，gzip ${kb(mnGz)} KB`,
  );
}
for (const [name, html] of [
  ["门户首页", portalHtml],
  ["管理后台登录页", consoleHtml],
]) {
  const eager = [...fonts, ...mnChunks].filter((f) => html.includes(f));
  if (eager.length) {
    console.log(`${name}不应预加载蒙古文资源：${eager.join(", ")}`);
    over = true;
  }
}
if (over) process.exitCode = 1;
