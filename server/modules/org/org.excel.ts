import type { ImportRowError } from "../../../contracts/common.js";
import { ORG_IMPORT_COLUMNS, type OrgCreate, type OrgListQuery, orgCreate } from "../../../contracts/org.js";
import type { Ctx } from "../../core/context.js";
import { listDict } from "../../core/dict.js";
import { AppError, errors, fieldErrors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import { buildXlsx } from "../../core/xlsx.js";
import { readXlsxUpload, type XlsxSheet } from "../../core/xlsx-read.js";
import { recordAudit } from "../audit/index.js";
import { findOrgIdsByName, findOrgsForExport, insertOrg, ORG_TYPE_DICT } from "./org.service.js";
import { regionExists } from "./region.service.js";

export async function orgExportXlsx(ctx: Ctx, q: Omit<OrgListQuery, "page" | "pageSize"> & { ids?: string[] }) {
  const rows = await findOrgsForExport(ctx, q);
  const buffer = await buildXlsx(
    "组织机构",
    [
      { header: "机构名称", width: 32, value: (o) => o.name },
      { header: "简称", value: (o) => o.shortName },
      { header: "机构类型", value: (o) => o.typeLabel },
      { header: "行政区划代码", value: (o) => o.regionCode },
      { header: "行政区划", value: (o) => o.regionName },
      { header: "统一社会信用代码", width: 22, value: (o) => o.uscc },
      { header: "上级机构名称", width: 28, value: (o) => o.parentName },
      { header: "民族工作部门", value: (o) => o.isEthnicAffairsDept },
      { header: "委员单位", value: (o) => o.isMemberUnit },
      { header: "地址", width: 30, value: (o) => o.address },
      { header: "联系电话", value: (o) => o.contactPhone },
      { header: "状态", value: (o) => (o.status === "active" ? "启用" : "停用") },
    ],
    rows,
  );
  await ctx.db.transaction((tx) =>
    recordAudit(tx, ctx.clock, ctx.actor, {
      category: "export",
      action: "org.export",
      entity: "org",
      summary: `导出组织机构 ${rows.length} 条`,
      changes: { filters: q },
    }),
  );
  return { buffer, count: rows.length };
}

export async function orgImportTemplate(ctx: Ctx) {
  const types = await listDict(ctx.db, ORG_TYPE_DICT);
  const example = {
    name: "科尔沁左翼后旗民族事务委员会",
    shortName: "后旗民委",
    type: types[0]?.label ?? "党政机关",
    regionCode: "150522",
    uscc: "",
    parent: "",
    ethnic: "是",
    member: "否",
    address: "甘旗卡镇",
    phone: "",
  };
  return buildXlsx(
    "组织机构导入模板",
    ORG_IMPORT_COLUMNS.map((header, i) => ({
      header,
      width: i === 0 ? 32 : 18,
      value: (r: typeof example) => Object.values(r)[i],
    })),
    [example],
  );
}

const YES = new Set(["是", "Y", "y", "1", "true", "TRUE"]);
const NO = new Set(["否", "N", "n", "0", "false", "FALSE", ""]);
/** Rows of one import; the sheet is refused before parsing when it has more than twice as many `<row>`s. */
const MAX_IMPORT_ROWS = 5000;

/**
 * Imports organizations from the template. Every row is checked first; if any row is wrong, nothing
 * is imported and each error is returned with its row number. Otherwise all rows go in one transaction.
 */
export async function importOrgs(ctx: Ctx, content: Buffer) {
  let sheet: XlsxSheet;
  try {
    sheet = await readXlsxUpload(content, { maxRows: MAX_IMPORT_ROWS * 2 });
  } catch (e) {
    // Sizes, rows, time and memory are refused with their own message; anything else is a file exceljs cannot read.
    if (e instanceof AppError) throw e;
    throw errors.badRequest("IMPORT_BAD_FILE", "org.import_bad_file");
  }
  const missing = ORG_IMPORT_COLUMNS.filter((c) => !sheet.headers.includes(c));
  if (missing.length)
    throw errors.badRequest("IMPORT_BAD_HEADER", "org.import_header", { columns: missing.join("、") });
  if (sheet.rows.length === 0) throw errors.badRequest("IMPORT_EMPTY", "org.import_empty");
  if (sheet.rows.length > MAX_IMPORT_ROWS)
    throw errors.badRequest("IMPORT_TOO_MANY", "errors.conflict", { detail: `一次最多导入 ${MAX_IMPORT_ROWS} 行` });

  const col = (cells: string[], name: (typeof ORG_IMPORT_COLUMNS)[number]) => cells[sheet.headers.indexOf(name)] ?? "";
  const types = new Map(
    (await listDict(ctx.db, ORG_TYPE_DICT)).flatMap((d) => [
      [d.label, d.code],
      [d.code, d.code],
    ]),
  );
  const parentNames = [...new Set(sheet.rows.map((r) => col(r.cells, "上级机构名称")).filter(Boolean))];
  const existingParents = await findOrgIdsByName(ctx.db, parentNames);
  const namesInFile = new Set(sheet.rows.map((r) => col(r.cells, "机构名称")));

  const errorsOut: ImportRowError[] = [];
  const parsed: { row: number; data: OrgCreate; parentName: string }[] = [];
  for (const { rowNumber, cells } of sheet.rows) {
    const bool = (header: "民族工作部门" | "委员单位") => {
      const v = col(cells, header);
      if (YES.has(v)) return true;
      if (NO.has(v)) return false;
      errorsOut.push({ row: rowNumber, field: header, message: "应填“是”或“否”" });
      return false;
    };
    const typeText = col(cells, "机构类型");
    const type = types.get(typeText);
    if (!type) errorsOut.push({ row: rowNumber, field: "机构类型", message: `“${typeText}”不是有效的机构类型` });
    const parentName = col(cells, "上级机构名称");
    if (parentName && !existingParents.has(parentName) && !namesInFile.has(parentName)) {
      errorsOut.push({ row: rowNumber, field: "上级机构名称", message: `找不到上级机构“${parentName}”` });
    }
    const regionText = col(cells, "行政区划代码");
    if (/^\d+$/.test(regionText) && !(await regionExists(ctx.db, regionText))) {
      errorsOut.push({ row: rowNumber, field: "行政区划代码", message: t("org.region_unknown", { code: regionText }) });
    }
    const result = orgCreate.safeParse({
      name: col(cells, "机构名称"),
      shortName: col(cells, "简称") || null,
      type: type ?? "other",
      regionCode: col(cells, "行政区划代码"),
      uscc: col(cells, "统一社会信用代码") || null,
      isEthnicAffairsDept: bool("民族工作部门"),
      isMemberUnit: bool("委员单位"),
      address: col(cells, "地址") || null,
      contactPhone: col(cells, "联系电话") || null,
    });
    if (!result.success) {
      const headerOf: Record<string, string> = {
        name: "机构名称",
        shortName: "简称",
        regionCode: "行政区划代码",
        uscc: "统一社会信用代码",
        address: "地址",
        contactPhone: "联系电话",
      };
      for (const f of fieldErrors(result.error.issues))
        errorsOut.push({ row: rowNumber, field: headerOf[f.field] ?? f.label, message: f.message });
      continue;
    }
    parsed.push({ row: rowNumber, data: result.data, parentName });
  }
  if (errorsOut.length === 0) {
    try {
      await ctx.db.transaction(async (tx) => {
        const created = new Map<string, string>();
        // Parents first: rows whose parent is another row of the file wait until it exists.
        const pending = [...parsed];
        while (pending.length) {
          const i = pending.findIndex(
            (p) => !p.parentName || created.has(p.parentName) || existingParents.has(p.parentName),
          );
          if (i < 0) {
            for (const p of pending)
              errorsOut.push({ row: p.row, field: "上级机构名称", message: "上级机构之间存在循环" });
            throw new AppError(400, "IMPORT_FAILED", "");
          }
          const [p] = pending.splice(i, 1);
          const parentId = p.parentName
            ? (created.get(p.parentName) ?? existingParents.get(p.parentName)?.[0]?.id ?? null)
            : null;
          try {
            created.set(p.data.name, await insertOrg(ctx, tx, { ...p.data, parentId }, "org:import"));
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            const f = (e.details as { fields?: { label: string; message: string }[] } | undefined)?.fields?.[0];
            errorsOut.push({ row: p.row, field: f?.label ?? "", message: f?.message ?? e.message });
          }
        }
        // Any row refused means none is kept.
        if (errorsOut.length) throw new AppError(400, "IMPORT_FAILED", "");
      });
    } catch (e) {
      if (!(e instanceof AppError && e.code === "IMPORT_FAILED")) throw e;
    }
  }
  if (errorsOut.length) {
    errorsOut.sort((a, b) => a.row - b.row);
    throw new AppError(
      400,
      "IMPORT_FAILED",
      t("org.import_has_errors", { count: new Set(errorsOut.map((e) => e.row)).size }),
      {
        imported: 0,
        errors: errorsOut,
      },
    );
  }
  return { imported: parsed.length, errors: [] as ImportRowError[] };
}
