import { launchBrowser, login, newPage, settle, PHONE } from "/work/wt-hon/e2e/support.ts";

const base = "http://127.0.0.1:3997";
const out = "/tmp/hon-shots";
const browser = await launchBrowser();
for (const [tag, vp] of [["desktop", { width: 1366, height: 768 }], ["phone", PHONE]] as const) {
  const { context, page, consoleErrors } = await newPage(browser, base, vp);
  page.setDefaultTimeout(20_000);
  await login(page, "tl_mw", "Demo-Pass-2026");
  await page.getByTestId("user-menu").waitFor();
  const awards = await (await page.request.get("/api/honors/awards?pageSize=100")).json();
  const byOrg = new Map<string, number>();
  for (const a of awards.items) byOrg.set(a.orgId, (byOrg.get(a.orgId) ?? 0) + (a.status === "revoked" ? 10 : 1));
  const [orgId] = [...byOrg.entries()].sort((x, y) => y[1] - x[1])[0];
  const org = await (await page.request.get(`/api/orgs/${orgId}`)).json();
  console.log(tag, "awards", awards.total, "org", org.name, awards.items.filter((a: any) => a.orgId === orgId).map((a: any) => `${a.honoreeName}/${a.status}`));
  await page.goto(`/admin/orgs?q=${encodeURIComponent(org.name)}`);
  await settle(page);
  await page.getByTestId("org-name").filter({ hasText: org.name }).first().click();
  await page.getByTestId("org-honors").waitFor();
  await settle(page);
  await page.screenshot({ path: `${out}/org-${tag}.png` });
  await page.locator(".ant-drawer-body").evaluate((e) => e.scrollTo(0, e.scrollHeight));
  await page.screenshot({ path: `${out}/org-${tag}-bottom.png` });
  console.log(tag, "org section:", (await page.getByTestId("org-honors").textContent())?.slice(0, 300));
  // a nomination with 公示 records
  const noms = await (await page.request.get("/api/honors/nominations?pageSize=100")).json();
  const nom = noms.items.find((n: any) => n.status === "removed") ?? noms.items.find((n: any) => n.status === "awarded") ?? noms.items[0];
  console.log(tag, "nomination", nom.nomineeName, nom.status);
  await page.goto(`/admin/honors/nominations?id=${nom.id}`);
  await page.getByTestId("print-button").click();
  await page.waitForURL(/\/print$/);
  await page.getByTestId("print-nomination").waitFor();
  await settle(page);
  await page.screenshot({ path: `${out}/print-${tag}.png`, fullPage: true });
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: `${out}/print-${tag}-media.png`, fullPage: true });
  await page.emulateMedia({ media: "screen" });
  await page.getByRole("button", { name: /返\s*回/ }).click();
  await page.waitForURL(/nominations\?id=/);
  await page.locator(".ant-drawer").waitFor();
  console.log(tag, "back ok", page.url(), "errors", consoleErrors);
  await context.close();
}
await browser.close();
