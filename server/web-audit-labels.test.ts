/// <reference types="vite/client" />
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone";
import utc from "dayjs/plugin/utc";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import {
  applicationListQuery,
  applicationUpdate,
  BATCH_STATUS_LABELS,
  batchUpdate,
  candidateUpdate,
  designationListQuery,
  NAMING_LEVEL_LABELS,
  targetUpdate,
} from "../contracts/creation";
import { materialUpdate } from "../contracts/materials";
import {
  AUDIT_VALUES,
  actionLabel,
  describeChanges,
  ENTITY_OPTIONS,
  entityLabel,
  fieldLabel,
  formatValue,
  knownActions,
} from "../web/app/auditLabels";

/*
 * The console shows audit entries (操作记录, 审计日志) in Chinese through web/app/auditLabels.ts. This reads the
 * server modules' source for every action code, entity and changed field they write, so a new one without a
 * Chinese name fails here rather than showing up in English.
 */

// As the console does at start (web/app/main.tsx): times show in Beijing time.
dayjs.extend(utc);
dayjs.extend(timezone);

const MODULES = [
  "materials",
  "evaluation",
  "creation",
  "plans",
  "system",
  "org",
  "bases",
  "honors",
  "publicity",
  "activities",
  "services",
  "disputes",
  "notify",
];
const ROOT = join(import.meta.dirname, "modules");

/** Every non-test .ts file under a module, in subfolders too (creation/routes/…). */
const files = (dir: string, rel: string): string[] =>
  readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? files(dir, `${rel}/${e.name}`)
      : e.name.endsWith(".ts") && !e.name.endsWith(".test.ts")
        ? [`${rel}/${e.name}`]
        : [],
  );
const sources = MODULES.flatMap((m) =>
  files(ROOT, m).map((path) => {
    const text = readFileSync(join(ROOT, path), "utf8");
    return { path, text, sf: ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true) };
  }),
);
const sourceOf = (path: string) => {
  const s = sources.find((x) => x.path === path);
  if (!s) throw new Error(`${path} not found`);
  return s;
};

function walk(node: ts.Node, visit: (n: ts.Node) => void) {
  visit(node);
  node.forEachChild((c) => walk(c, visit));
}

const propName = (p: ts.ObjectLiteralElementLike) =>
  p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;

/** The keys of the object literal that `name` (a const or a function) makes in the same file, if it is one. */
function resolveObject(sf: ts.SourceFile, name: string): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  const bodyObject = (body: ts.ConciseBody | undefined): ts.Expression | undefined => {
    if (!body) return undefined;
    if (!ts.isBlock(body)) return body as ts.Expression;
    const ret = body.statements.find(ts.isReturnStatement);
    return ret?.expression;
  };
  walk(sf, (n) => {
    if (found) return;
    if (ts.isFunctionDeclaration(n) && n.name?.text === name) found = bodyObject(n.body);
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name && n.initializer) {
      const init = n.initializer;
      found = ts.isArrowFunction(init) || ts.isFunctionExpression(init) ? bodyObject(init.body) : init;
    }
  });
  return found;
}

/** Every key a "changes" expression writes: object literals, spreads, conditionals, diff(a, b) and picks. */
function changeKeys(sf: ts.SourceFile, e: ts.Expression | undefined, out: Set<string>, depth = 0) {
  if (!e || depth > 6) return;
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) return changeKeys(sf, e.expression, out, depth);
  if (ts.isConditionalExpression(e)) {
    changeKeys(sf, e.whenTrue, out, depth);
    changeKeys(sf, e.whenFalse, out, depth);
    return;
  }
  if (ts.isBinaryExpression(e)) return changeKeys(sf, e.right, out, depth);
  if (ts.isObjectLiteralExpression(e)) {
    for (const p of e.properties) {
      if (ts.isSpreadAssignment(p)) changeKeys(sf, p.expression, out, depth + 1);
      else {
        const key = propName(p);
        if (key) out.add(key);
        // A value that is itself an object ({ visitedOn, members }) names fields too.
        if (ts.isPropertyAssignment(p) && ts.isArrayLiteralExpression(p.initializer))
          for (const el of p.initializer.elements)
            if (ts.isObjectLiteralExpression(el)) changeKeys(sf, el, out, depth + 1);
      }
    }
    return;
  }
  if (ts.isCallExpression(e)) {
    const callee = e.expression.getText(sf);
    if (callee === "diff") for (const a of e.arguments) changeKeys(sf, a, out, depth + 1);
    else if (ts.isIdentifier(e.expression)) changeKeys(sf, resolveObject(sf, callee), out, depth + 1);
    return;
  }
  if (ts.isIdentifier(e)) changeKeys(sf, resolveObject(sf, e.text), out, depth + 1);
}

/** Action codes built from a template (`creation_batch.${action}`): what the placeholder can be. */
const TEMPLATE_STEPS: Record<string, () => string[]> = {
  "plan.node.": () => {
    // auditNode(ctx, tx, plan, "<step>", summary, changes)
    const steps: string[] = [];
    walk(sourceOf("plans/tree-edit.service.ts").sf, (n) => {
      if (ts.isCallExpression(n) && n.expression.getText() === "auditNode" && ts.isStringLiteral(n.arguments[3]))
        steps.push(n.arguments[3].text);
    });
    return steps;
  },
};

const actions = new Set<string>();
const entities = new Set<string>();
const fields = new Set<string>();
const unknownTemplates: string[] = [];

/**
 * State machines (core/state-machine.ts): `defineMachine({ entity, auditPrefix, transitions: { step: { audit? } } })`
 * writes `${auditPrefix}.${step}` (or the step's own `audit`) for each step, on `entity`, with `status`.
 */
function machineActions(sf: ts.SourceFile, call: ts.CallExpression) {
  const spec = call.arguments[0];
  if (!spec || !ts.isObjectLiteralExpression(spec)) throw new Error(`defineMachine in ${sf.fileName}: not a literal`);
  const prop = (o: ts.ObjectLiteralExpression, name: string) =>
    o.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propName(p) === name);
  const str = (o: ts.ObjectLiteralExpression, name: string) => {
    const p = prop(o, name);
    return p && ts.isStringLiteral(p.initializer) ? p.initializer.text : undefined;
  };
  const prefix = str(spec, "auditPrefix");
  const entity = str(spec, "entity");
  let tr = prop(spec, "transitions")?.initializer;
  if (tr && ts.isIdentifier(tr)) tr = resolveObject(sf, tr.text);
  if (!prefix || !entity || !tr || !ts.isObjectLiteralExpression(tr))
    throw new Error(`defineMachine in ${sf.fileName}: entity, auditPrefix and literal transitions expected`);
  entities.add(entity);
  fields.add("status");
  for (const p of tr.properties) {
    const step = propName(p);
    if (!step || !ts.isPropertyAssignment(p) || !ts.isObjectLiteralExpression(p.initializer)) continue;
    actions.add(str(p.initializer, "audit") ?? `${prefix}.${step}`);
  }
}
const machines: string[] = [];

for (const { path, sf } of sources) {
  walk(sf, (n) => {
    if (ts.isCallExpression(n) && n.expression.getText(sf) === "defineMachine") {
      machineActions(sf, n);
      machines.push(path);
    }
    if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name)) {
      const key = n.name.text;
      if (key === "action") {
        walk(n.initializer, (x) => {
          if ((ts.isStringLiteral(x) || ts.isNoSubstitutionTemplateLiteral(x)) && /^[a-z_]+(\.[a-z_]+)+$/.test(x.text))
            actions.add(x.text);
          if (ts.isTemplateExpression(x) && /^[a-z_]+(\.[a-z_]+)*\.$/.test(x.head.text)) {
            const steps = TEMPLATE_STEPS[x.head.text];
            if (!steps) unknownTemplates.push(`${path}: ${x.getText(sf)}`);
            else for (const s of steps()) actions.add(`${x.head.text}${s}`);
          }
        });
      }
      if (key === "entity" && ts.isStringLiteral(n.initializer) && /^[a-z_]+$/.test(n.initializer.text))
        entities.add(n.initializer.text);
      if (key === "changes") changeKeys(sf, n.initializer, fields);
    }
    // const changes: Record<string, unknown> = { … } (plan nodes), auditNode(…, changes)
    if (ts.isVariableDeclaration(n) && n.name.getText(sf) === "changes") changeKeys(sf, n.initializer, fields);
    if (ts.isCallExpression(n) && n.expression.getText(sf) === "auditNode" && n.arguments[5])
      changeKeys(sf, n.arguments[5], fields);
  });
}
// Updates that diff whichever fields were sent: the fields of their request bodies.
for (const schema of [batchUpdate, candidateUpdate, targetUpdate, applicationUpdate, materialUpdate])
  for (const k of Object.keys(schema.shape)) fields.add(k);
// Written through values the source does not spell out here: plan node units (diff(units.before, units.after)
// of { units, lead }) and the import's counts ({ chapters, sections, columns, tasks, items }).
for (const k of ["units", "lead", "chapters", "sections", "columns", "tasks", "items"]) fields.add(k);
// Export filters ({ filters: query }): the list queries' fields.
for (const schema of [applicationListQuery, designationListQuery])
  for (const k of Object.keys(schema.shape)) if (k !== "page" && k !== "pageSize") fields.add(k);

const CHINESE = /[\u4e00-\u9fa5]/;

describe("audit labels of the materials, evaluation, creation and plans modules", () => {
  it("finds what the server writes", () => {
    expect(unknownTemplates, "an action code template with no known steps: add it to TEMPLATE_STEPS").toEqual([]);
    expect(machines).toContain("creation/batch.service.ts");
    expect(actions.size).toBeGreaterThan(60);
    expect(entities.size).toBeGreaterThanOrEqual(16);
    expect(fields.size).toBeGreaterThan(80);
    for (const code of ["creation_application.finalize", "creation_batch.open", "plan.node.merge", "material.upload"])
      expect(actions).toContain(code);
    for (const f of ["reviewChain", "experts", "finalScore", "vetoFailed", "expertTotals", "visitedOn", "late"])
      expect(fields).toContain(f);
  });

  it("names every action code in Chinese", () => {
    const missing = [...actions].filter((code) => actionLabel(code) === code || !CHINESE.test(actionLabel(code)));
    expect(missing, "audit.actions.<group>.<name> in web/modules/audit/zh-CN.ts").toEqual([]);
    const filter = new Set(knownActions().map((o) => o.value));
    expect(
      [...actions].filter((code) => !filter.has(code)),
      "the 操作 filter",
    ).toEqual([]);
  });

  it("names every entity in Chinese", () => {
    const missing = [...entities].filter((e) => !CHINESE.test(entityLabel(e)));
    expect(missing, "audit.entities.<entity> in web/modules/audit/zh-CN.ts").toEqual([]);
    const filter = new Set(ENTITY_OPTIONS.map((o) => o.value));
    expect(
      [...entities].filter((e) => !filter.has(e)),
      "the 对象类型 filter",
    ).toEqual([]);
  });

  it("names every changed field in Chinese", () => {
    const missing = [...fields].filter((f) => !CHINESE.test(fieldLabel(f)));
    expect(missing, "audit.fields.<field> in web/modules/audit/zh-CN.ts").toEqual([]);
  });

  it("reads status codes by the entry's kind of object", () => {
    expect(formatValue("status", "draft", "creation_application")).toBe("草稿");
    expect(formatValue("status", "draft", "creation_batch")).toBe(BATCH_STATUS_LABELS.draft);
    expect(formatValue("status", "draft", "creation_batch")).toBe("筹备中");
    expect(formatValue("status", "draft", "creation_self_check")).toBe("填写中");
    expect(formatValue("status", "active", "plan")).toBe("实施中");
    expect(formatValue("status", "archived", "material")).toBe("已归档");
    expect(formatValue("status", "returned", "score_sheet")).toBe("已退回");
    expect(describeChanges({ status: ["draft", "open"] }, "creation_batch")).toEqual(["状态：筹备中 → 申报中"]);
    expect(describeChanges({ status: ["open", "submitted"] }, "creation_reverification")).toEqual([
      "状态：待单位自查 → 待审核",
    ]);
  });

  it("reads levels, categories and other codes", () => {
    expect(formatValue("level", "city", "creation_batch")).toBe("盟市级");
    expect(NAMING_LEVEL_LABELS.city).toBe("盟市级");
    expect(formatValue("levels", ["city", "county"], "indicator_set")).toBe("盟市级、旗县级");
    expect(formatValue("categories", ["village", "school"], "creation_batch")).toBe("嘎查村/社区、学校");
    expect(formatValue("categorySets", { school: "3f1c2a4e-8b7d-4c1e-9a2b-1234567890ab" }, "creation_batch")).toBe(
      "学校",
    );
    expect(formatValue("effect", "withdraw", "creation_objection")).toBe("撤回申请");
    expect(formatValue("batchStatus", "concluded", "creation_decision")).toBe("已命名");
    expect(formatValue("cycle", "quarterly", "plan")).toBe("季度");
    expect(formatValue("kind", "task", "plan")).toBe("任务");
    expect(formatValue("period", "2026Q1", "plan_report")).toBe("2026年第一季度");
    expect(formatValue("escalatedAt", "2026-03-01T16:30:00.000Z", "plan_rectification")).toBe("2026-03-02 00:30:00");
    expect(
      formatValue("closureEvidence", [{ id: "x", title: "整改报告", fileName: "a.pdf" }], "plan_rectification"),
    ).toBe("“整改报告”");
    expect(formatValue("reviewChain", ["150102", "1501", "15"], "creation_application")).toBe(
      "旗县 150102 → 盟市 1501 → 自治区 15",
    );
    expect(
      formatValue("filters", { status: "named", level: "city", sort: "-submittedAt" }, "creation_application"),
    ).toBe("状态=已命名，命名级别=盟市级，排序=提交时间（倒序）");
  });

  it("lists a created application in Chinese, its batch id left out", () => {
    expect(
      describeChanges(
        {
          batchId: [null, "3f1c2a4e-8b7d-4c1e-9a2b-1234567890ab"],
          category: [null, "village"],
          status: [null, "draft"],
        },
        "creation_application",
      ),
    ).toEqual(["类别：嘎查村/社区", "状态：草稿"]);
    expect(
      describeChanges(
        { finalScore: [null, 86.5], passed: [null, true], vetoFailed: [null, []], expertTotals: [null, [85, 88]] },
        "creation_application",
      ),
    ).toEqual(["最终得分：86.5", "是否通过：是", "未通过的一票否决项：—", "各专家评分：85、88"]);
  });

  it("shortens or counts ids of other objects and hides the ones the summary names", () => {
    const a = "3f1c2a4e-8b7d-4c1e-9a2b-1234567890ab";
    const b = "9e8d7c6b-5a4f-4e3d-8c2b-abcdefabcdef";
    expect(describeChanges({ node: [a, a], units: [[a], [a, b]], lead: [null, b] }, "plan")).toEqual([
      "责任单位：新增 1 项",
      "牵头单位：— → 9e8d7c6b…",
    ]);
    expect(describeChanges({ node: [a, null], removed: [[a, b], null] }, "plan")).toEqual(["删除的节点：2 项"]);
    expect(describeChanges({ applicationIds: [null, [a, b]] }, "creation_notice")).toEqual(["公示的申报：— → 2 项"]);
    expect(describeChanges({ name: [null, "***"], phone: [null, "***"] }, "creation_objection")).toEqual([
      "异议人姓名：***（已脱敏）",
      "联系电话：***（已脱敏）",
    ]);
  });

  it("leaves org and identity entries as they were", () => {
    const id = "3f1c2a4e-8b7d-4c1e-9a2b-1234567890ab";
    expect(formatValue("status", "disabled")).toBe("停用");
    expect(describeChanges({ status: ["active", "disabled"] }, "org")).toEqual(["状态：启用 → 停用"]);
    expect(describeChanges({ parentId: [null, id], name: ["甲", "乙"] }, "org")).toEqual([
      `上级机构：— → ${id}`,
      "名称：甲 → 乙",
    ]);
    // With the names the server sends beside the entry, ids and region codes read as names.
    expect(
      describeChanges({ parentId: [null, id], regionCode: "150522" }, "org", {
        [id]: "通辽市民族事务委员会",
        150522: "内蒙古自治区通辽市科尔沁左翼后旗",
      }),
    ).toEqual(["上级机构：— → 通辽市民族事务委员会", "行政区划：内蒙古自治区通辽市科尔沁左翼后旗"]);
    expect(formatValue("orgIds", [id], "plan", { [id]: "通辽市教育局" })).toBe("通辽市教育局");
    expect(formatValue("category", "export")).toBe(formatValue("category", "export", "audit"));
    expect(formatValue("sort", 3, "org")).toBe("3");
    expect(Object.keys(AUDIT_VALUES)).not.toContain("org");
  });
});
