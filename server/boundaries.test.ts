import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkBoundaries } from "../scripts/check-boundaries.js";

const fixtures = path.join(import.meta.dirname, "test/fixtures/boundaries");

describe("module boundaries (scripts/check-boundaries.ts, run by npm run lint)", () => {
  it("reports each kind of violation in a fixture tree, with file and line", () => {
    const found = checkBoundaries(path.join(fixtures, "dirty")).map((v) => `${v.file}:${v.line} ${v.rule}`);
    expect(found).toEqual([
      "app.ts:2 schema-import",
      "modules/identity/user.service.ts:2 schema-import",
      "modules/identity/user.service.ts:3 deep-import",
      "modules/identity/user.service.ts:7 foreign-table",
      "modules/identity/user.service.ts:9 deep-import",
    ]);
  });

  it("names the module, the table and the way out in Chinese", () => {
    const found = checkBoundaries(path.join(fixtures, "dirty"));
    expect(found.find((v) => v.rule === "foreign-table")?.message).toBe(
      "模块 identity 的 SQL 直接写了模块 org 的表 orgs：请调用 ../org/index.js 导出的函数",
    );
    expect(found.find((v) => v.rule === "deep-import")?.message).toContain("请改为 ../org/index.js");
  });

  it("allows index imports, foreign keys between schemas, db/schema.ts, a module's own tables and tests", () => {
    expect(checkBoundaries(path.join(fixtures, "clean"))).toEqual([]);
  });

  it("finds the repository's own server tree clean", () => {
    expect(checkBoundaries(path.join(import.meta.dirname))).toEqual([]);
  });
});
