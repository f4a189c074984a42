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
if (over) process.exitCode = 1;
