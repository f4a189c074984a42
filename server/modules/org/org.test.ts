import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createOrg, createUser, loginAdmin } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { ensureRegionsLoaded } from "./region.service.js";

async function workbook(rows: (string | null)[][], headers?: string[]) {
  const { ORG_IMPORT_COLUMNS } = await import("../../../contracts/org.js");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("导入");
  ws.addRow(headers ?? [...ORG_IMPORT_COLUMNS]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(file: Buffer, name = "orgs.xlsx") {
  const boundary = "----shiliu-test-boundary";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

describe("regions (GB/T 2260, 内蒙古)", () => {
  let h: TestApp;
  let admin: Client;
  beforeAll(async () => {
    h = await createTestApp();
    admin = await loginAdmin(h);
  });
  afterAll(() => h?.close());

  it("loads all 15,938 nodes of 内蒙古 once; a second load does nothing", async () => {
    const { countRegions } = await import("./region.service.js");
    expect(await countRegions(h.deps.db, "15")).toBe(15938);
    expect(await ensureRegionsLoaded(h.deps.db, ["15"])).toBe(0);
    expect(await countRegions(h.deps.db)).toBe(15938);
  });

  it("lists children, a node with its ancestors, and searches by name or code", async () => {
    const top = await admin.json("/api/regions");
    expect(top).toEqual([expect.objectContaining({ code: "15", name: "内蒙古自治区", level: 1, hasChildren: true })]);
    const banners = await admin.json("/api/regions?parent=1505");
    expect(banners.map((r: { code: string }) => r.code)).toContain("150522");
    expect(banners.find((r: { code: string }) => r.code === "150522").name).toBe("科尔沁左翼后旗");
    const towns = await admin.json("/api/regions?parent=150522");
    expect(towns.find((r: { code: string }) => r.code === "150522100").name).toBe("甘旗卡镇");
    const node = await admin.json("/api/regions/150522100");
    expect(node.ancestors.map((a: { name: string }) => a.name)).toEqual(["内蒙古自治区", "通辽市", "科尔沁左翼后旗"]);
    expect(node.fullName).toBe("内蒙古自治区 通辽市 科尔沁左翼后旗 甘旗卡镇");
    const villages = await admin.json("/api/regions?parent=150522100");
    expect(villages.length).toBeGreaterThan(0);
    expect(villages.every((v: { level: number; hasChildren: boolean }) => v.level === 5 && !v.hasChildren)).toBe(true);
    const byName = await admin.json(`/api/regions?q=${encodeURIComponent("科尔沁左翼")}`);
    expect(byName.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(["150521", "150522"]));
    const byCode = await admin.json("/api/regions?q=150522");
    expect(byCode[0].code).toBe("150522");
    expect((await admin.req("/api/regions/159999")).statusCode).toBe(404);
    expect((await admin.req("/api/regions/15a")).statusCode).toBe(400);
  });
});

describe("organizations", () => {
  let h: TestApp;
  let admin: Client;
  beforeAll(async () => {
    h = await createTestApp();
    admin = await loginAdmin(h);
  });
  afterAll(() => h?.close());

  it("creates, reads, filters, sorts and pages", async () => {
    const dept = await createOrg(admin, "科尔沁左翼后旗民族事务委员会", "150522", {
      isEthnicAffairsDept: true,
      shortName: "后旗民委",
    });
    expect(dept).toMatchObject({
      regionName: "科尔沁左翼后旗",
      typeLabel: "党政机关",
      status: "active",
      isEthnicAffairsDept: true,
    });
    for (let i = 1; i <= 5; i++)
      await createOrg(admin, `后旗第${i}中学`, "150522100", {
        type: "school",
        isMemberUnit: i % 2 === 0,
        parentId: dept.id,
      });
    const schools = await admin.json("/api/orgs?type=school&pageSize=2&sort=-name");
    expect(schools.total).toBe(5);
    expect(schools.items.map((o: { name: string }) => o.name)).toEqual(["后旗第5中学", "后旗第4中学"]);
    expect(schools.items[0].parentName).toBe("科尔沁左翼后旗民族事务委员会");
    const page3 = await admin.json("/api/orgs?type=school&pageSize=2&page=3&sort=-name");
    expect(page3.items.map((o: { name: string }) => o.name)).toEqual(["后旗第1中学"]);
    expect((await admin.json("/api/orgs?isMemberUnit=true")).total).toBe(2);
    expect((await admin.json("/api/orgs?isEthnicAffairsDept=true&regionCode=150522")).total).toBe(1);
    expect((await admin.json("/api/orgs?regionCode=150522&includeSubRegions=false")).total).toBe(1);
    expect((await admin.json(`/api/orgs?q=${encodeURIComponent("后旗民委")}`)).items[0].id).toBe(dept.id);
  });

  it("keeps an optional 蒙古文名称: checked like any one-line text, audited, cleared with an empty string", async () => {
    const org = await createOrg(admin, "科尔沁左翼后旗蒙古族中学", "150522");
    expect(org.nameMn).toBe("");
    for (const bad of ["ᠮᠣᠩᠭᠣᠯ\u202Eexe", "ᠮᠣᠩᠭᠣᠯ\u0007", "ᠮᠣᠩᠭᠣᠯ\nᠰᠤᠷᠭᠠᠭᠤᠯᠢ"]) {
      const res = await admin.req(`/api/orgs/${org.id}`, { method: "PATCH", body: { nameMn: bad } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.fields[0]).toMatchObject({ field: "nameMn", label: "蒙古文名称" });
    }
    const nameMn = "ᠮᠣᠩᠭᠣᠯ ᠳᠤᠮᠳᠠᠳᠤ ᠰᠤᠷᠭᠠᠭᠤᠯᠢ";
    const saved = await admin.json(`/api/orgs/${org.id}`, { method: "PATCH", body: { nameMn: ` ${nameMn} ` } });
    expect(saved).toMatchObject({ name: "科尔沁左翼后旗蒙古族中学", nameMn });
    expect((await admin.json(`/api/orgs/${org.id}`)).nameMn).toBe(nameMn);
    const created = await admin.json("/api/orgs", {
      method: "POST",
      body: { name: "后旗蒙古族幼儿园", type: "institution", regionCode: "150522", nameMn: "ᠮᠣᠩᠭᠣᠯ ᠴᠡᠴᠡᠷᠯᠢᠭ" },
    });
    expect(created.nameMn).toBe("ᠮᠣᠩᠭᠣᠯ ᠴᠡᠴᠡᠷᠯᠢᠭ");
    const history = await admin.json(`/api/orgs/${org.id}/history`);
    const update = history.items.find((e: { action: string }) => e.action === "org.update");
    expect(update.changes.nameMn).toEqual(["", nameMn]);
    expect((await admin.json(`/api/orgs/${org.id}`, { method: "PATCH", body: { nameMn: "" } })).nameMn).toBe("");
  });

  it("checks the 统一社会信用代码 check digit and uniqueness", async () => {
    const bad = await admin.req("/api/orgs", {
      method: "POST",
      body: { name: "示例企业", type: "enterprise", regionCode: "150522", uscc: "91350100M000100Y44" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0]).toMatchObject({
      field: "uscc",
      label: "统一社会信用代码",
      message: "统一社会信用代码校验位不正确",
    });
    const ok = await createOrg(admin, "示例企业", "150522", { type: "enterprise", uscc: "91350100m000100y43" });
    expect(ok.uscc).toBe("91350100M000100Y43");
    const dup = await admin.req("/api/orgs", {
      method: "POST",
      body: { name: "另一企业", type: "enterprise", regionCode: "150522", uscc: "91350100M000100Y43" },
    });
    expect(dup.json().error.message).toContain("已被“示例企业”使用");
  });

  it("refuses unknown regions and types, duplicate names, and parent cycles", async () => {
    const region = await admin.req("/api/orgs", {
      method: "POST",
      body: { name: "无区划", type: "enterprise", regionCode: "150599" },
    });
    expect(region.json().error.details.fields[0].field).toBe("regionCode");
    const type = await admin.req("/api/orgs", {
      method: "POST",
      body: { name: "无类型", type: "nonsense", regionCode: "150522" },
    });
    expect(type.json().error.details.fields[0].message).toContain("不在字典中");
    const a = await createOrg(admin, "甲单位", "150523");
    const b = await createOrg(admin, "乙单位", "150523", { parentId: a.id });
    const cycle = await admin.req(`/api/orgs/${a.id}`, { method: "PATCH", body: { parentId: b.id } });
    expect(cycle.json().error.details.fields[0]).toMatchObject({
      field: "parentId",
      message: "上级机构不能是本机构或其下级",
    });
    const dup = await admin.req("/api/orgs", {
      method: "POST",
      body: { name: "甲单位", type: "party_gov", regionCode: "150523" },
    });
    expect(dup.json().error.message).toContain("已有同名机构");
  });

  it("disables softly, refusing while active users remain; never deletes", async () => {
    const org = await createOrg(admin, "库伦旗民族事务委员会", "150524");
    const u = await createUser(h, admin, "kulun", org.id, ["unit_user"]);
    const refused = await admin.req(`/api/orgs/${org.id}/disable`, { method: "POST" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain("还有 1 个启用的用户");
    await admin.json(`/api/users/${u.id}/disable`, { method: "POST" });
    expect((await admin.json(`/api/orgs/${org.id}/disable`, { method: "POST" })).status).toBe("disabled");
    expect((await admin.json(`/api/orgs/${org.id}`)).status).toBe("disabled");
    expect((await admin.req(`/api/orgs/${org.id}`, { method: "DELETE" })).statusCode).toBe(404);
    expect((await admin.json(`/api/orgs/${org.id}/enable`, { method: "POST" })).status).toBe("active");
  });

  it("moving an organization to another region moves its users' scope with it", async () => {
    const org = await createOrg(admin, "开鲁县某单位", "150523");
    const u = await createUser(h, admin, "kailu", org.id, ["unit_user"]);
    await admin.json(`/api/orgs/${org.id}`, { method: "PATCH", body: { regionCode: "150525" } });
    expect((await admin.json(`/api/users/${u.id}`)).regionCode).toBe("150525");
  });

  it("exports the filtered list to .xlsx with Chinese headers", async () => {
    const res = await admin.req("/api/orgs/export?type=school");
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const { readXlsx } = await import("../../core/xlsx.js");
    const sheet = await readXlsx(res.rawPayload);
    expect(sheet.headers.slice(0, 4)).toEqual(["机构名称", "简称", "机构类型", "行政区划代码"]);
    expect(sheet.rows.length).toBe(5);
    expect(sheet.rows.every((r) => r.cells[2] === "学校")).toBe(true);
  });

  it("imports a whole sheet, resolving parents within the file", async () => {
    const template = await admin.req("/api/orgs/import-template");
    expect(template.statusCode).toBe(200);
    const file = await workbook([
      ["奈曼旗民族事务委员会", "奈曼民委", "党政机关", "150525", "", "", "是", "否", "大沁他拉镇", "0475-4212345"],
      ["奈曼旗第一中学", "", "学校", "150525100", "", "奈曼旗民族事务委员会", "否", "是", "", ""],
    ]);
    const res = await admin.req("/api/orgs/import", { method: "POST", ...multipart(file) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 2, errors: [] });
    const school = (await admin.json(`/api/orgs?q=${encodeURIComponent("奈曼旗第一中学")}`)).items[0];
    expect(school).toMatchObject({ parentName: "奈曼旗民族事务委员会", isMemberUnit: true, typeLabel: "学校" });
  });

  it("a sheet with any bad row imports nothing and reports every bad row", async () => {
    const before = (await admin.json("/api/orgs")).total;
    const file = await workbook([
      ["扎鲁特旗民族事务委员会", "", "党政机关", "150526", "", "", "是", "否", "", ""],
      ["错误区划单位", "", "党政机关", "1505261", "", "", "否", "否", "", ""],
      ["错误类型单位", "", "外星机构", "150526", "", "", "否", "否", "", ""],
      ["错误信用代码", "", "企业", "150526", "91350100M000100Y44", "", "否", "否", "", ""],
      ["", "", "企业", "150526", "", "", "否", "否", "", ""],
      ["未知上级", "", "企业", "150526", "", "不存在的单位", "可能", "否", "", ""],
    ]);
    const res = await admin.req("/api/orgs/import", { method: "POST", ...multipart(file) });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe("IMPORT_FAILED");
    expect(error.message).toBe("导入文件有 5 行错误，未导入任何数据");
    const rows = error.details.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`);
    expect(rows).toEqual(
      expect.arrayContaining([
        "3:行政区划代码",
        "4:机构类型",
        "5:统一社会信用代码",
        "6:机构名称",
        "7:上级机构名称",
        "7:民族工作部门",
      ]),
    );
    expect((await admin.json("/api/orgs")).total).toBe(before);
  });

  it("导入中心 lists the imports with who and how many rows; a refused one's errors download as .xlsx", async () => {
    const center = await admin.json("/api/system/imports?kind=orgs");
    expect(center.kinds.map((k: { kind: string }) => k.kind)).toContain("orgs");
    // Both ran at the same (test) clock time: tell them apart by their result, not their order.
    const failed = center.runs.items.find((r: { status: string }) => r.status === "failed");
    const succeeded = center.runs.items.find((r: { status: string }) => r.status === "succeeded");
    expect(succeeded).toMatchObject({
      kindLabel: "组织机构",
      fileName: "orgs.xlsx",
      status: "succeeded",
      importedRows: 2,
      summary: "导入 2 个组织机构",
      userName: "系统管理员",
    });
    expect(failed).toMatchObject({ status: "failed", errorRows: 5, importedRows: 0 });
    expect(failed.summary).toContain("导入文件有 5 行错误");
    const file = await admin.req(`/api/system/imports/${failed.id}/errors`);
    expect(file.statusCode).toBe(200);
    expect(decodeURIComponent(String(file.headers["content-disposition"]))).toContain("orgs-错误明细.xlsx");
    const { readXlsx } = await import("../../core/xlsx.js");
    const read = await readXlsx(file.rawPayload);
    expect(read.headers).toEqual(["行号", "列", "问题"]);
    expect(read.rows.map((r) => `${r.cells[0]}:${r.cells[1]}`)).toEqual(
      expect.arrayContaining(["3:行政区划代码", "4:机构类型"]),
    );
    // Nothing of it for a user who may not import organizations.
    const org = await createOrg(admin, "导入中心测试单位", "150522");
    await createUser(h, admin, "import_viewer", org.id, ["unit_user"]);
    const { login, USER_PASSWORD } = await import("../../test/fixtures.js");
    const viewer = await login(h, "import_viewer", USER_PASSWORD);
    expect(await viewer.json("/api/system/imports")).toMatchObject({ kinds: [], runs: { total: 0 } });
    expect((await viewer.req(`/api/system/imports/${failed.id}/errors`)).statusCode).toBe(404);
  });

  it("a non-spreadsheet or a wrong header is refused clearly", async () => {
    const junk = await admin.req("/api/orgs/import", { method: "POST", ...multipart(Buffer.from("not a workbook")) });
    expect(junk.json().error.message).toContain("无法读取导入文件");
    const header = await admin.req("/api/orgs/import", {
      method: "POST",
      ...multipart(await workbook([["a"]], ["名称"])),
    });
    expect(header.json().error.message).toContain("模板表头不正确");
  });
});
