/**
 * Module boundaries (ARCHITECTURE.md "A module owns its tables"; docs/conventions.md "Module boundaries").
 *
 * Over a server tree (`<serverDir>/modules/<module>/…` and everything else under `<serverDir>`):
 * 1. a module's file imports another module only through its `index.ts` (`../org/index.js`), never a file of it;
 *    `import type` and `import()` included. Allowed: a `*.schema.ts` importing another module's `*.schema.ts`
 *    to declare a foreign key (the database's own view of the tables).
 * 2. no file outside the modules imports a module's `*.schema.ts`, except `<serverDir>/db/schema.ts`, the one
 *    aggregate Drizzle reads for migrations and queries. (The composition root — app.ts, bootstrap.ts, jobs.ts,
 *    main.ts — mounts modules' routes, jobs and seeds and may import those files.)
 * 3. a module's SQL text (the literal parts of `sql\`…\`` templates and the strings given to `sql.raw`, `.execute`
 *    and `.query`) names no table another module owns; what each module owns is read from the
 *    `pgTable("name"` calls of its `*.schema.ts`.
 * Tests are free to reach in: `*.test.ts`, `*.fixtures.ts` and `<serverDir>/test/**`.
 *
 * Run: `tsx scripts/check-boundaries.ts [serverDir]` (default `server`); exits 1 listing each violation.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export interface Violation {
  /** Path relative to the checked server directory, with forward slashes. */
  file: string;
  line: number;
  rule: "deep-import" | "schema-import" | "foreign-table";
  message: string;
}

const SOURCE = /\.(ts|tsx|mts)$/;

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (SOURCE.test(name) && !name.endsWith(".d.ts")) out.push(full);
  }
  return out;
}

const posix = (p: string) => p.split(path.sep).join("/");

function isTestFile(rel: string): boolean {
  return /\.test\.tsx?$/.test(rel) || /\.fixtures\.ts$/.test(rel) || rel.startsWith("test/");
}

/** Table names declared by `pgTable("name"` in a module's schema files. */
function ownedTables(moduleDir: string): string[] {
  const names: string[] = [];
  for (const file of readdirSync(moduleDir)) {
    if (!file.endsWith(".schema.ts")) continue;
    const text = readFileSync(path.join(moduleDir, file), "utf8");
    for (const m of text.matchAll(/pg(?:Table|View|MaterializedView)\(\s*["'`]([A-Za-z0-9_]+)["'`]/g)) names.push(m[1]);
  }
  return names;
}

interface SqlText {
  text: string;
  pos: number;
}

/** Module specifiers (with positions) and the SQL text of one file. */
function scan(sf: ts.SourceFile): { imports: { spec: string; pos: number }[]; sql: SqlText[] } {
  const imports: { spec: string; pos: number }[] = [];
  const sql: SqlText[] = [];
  const literalTexts = (node: ts.Node): SqlText[] => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
      return [{ text: node.text, pos: node.getStart(sf) }];
    if (ts.isTemplateExpression(node)) {
      return [
        { text: node.head.text, pos: node.head.getStart(sf) },
        ...node.templateSpans.map((s) => ({ text: s.literal.text, pos: s.literal.getStart(sf) })),
      ];
    }
    return [];
  };
  const isSqlTag = (e: ts.Expression) =>
    (ts.isIdentifier(e) && e.text === "sql") || (ts.isPropertyAccessExpression(e) && e.name.text === "sql");
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier))
        imports.push({ spec: node.moduleSpecifier.text, pos: node.moduleSpecifier.getStart(sf) });
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal))
        imports.push({ spec: arg.literal.text, pos: arg.literal.getStart(sf) });
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const first = node.arguments[0];
      if (callee.kind === ts.SyntaxKind.ImportKeyword && first && ts.isStringLiteral(first)) {
        imports.push({ spec: first.text, pos: first.getStart(sf) });
      } else if (
        ts.isPropertyAccessExpression(callee) &&
        ["raw", "identifier", "execute", "query", "exec"].includes(callee.name.text) &&
        first
      ) {
        sql.push(...literalTexts(first));
      }
    } else if (ts.isTaggedTemplateExpression(node) && isSqlTag(node.tag)) {
      sql.push(...literalTexts(node.template));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { imports, sql };
}

export function checkBoundaries(serverDir: string): Violation[] {
  const root = path.resolve(serverDir);
  const modulesDir = path.join(root, "modules");
  const modules = existsSync(modulesDir)
    ? readdirSync(modulesDir).filter((m) => statSync(path.join(modulesDir, m)).isDirectory())
    : [];
  const owner = new Map<string, string>();
  for (const m of modules) for (const t of ownedTables(path.join(modulesDir, m))) owner.set(t, m);
  const tableWord = owner.size
    ? new RegExp(`(?<![A-Za-z0-9_.$])"?(${[...owner.keys()].join("|")})"?(?![A-Za-z0-9_$])`, "g")
    : null;

  const violations: Violation[] = [];
  for (const file of walk(root)) {
    const rel = posix(path.relative(root, file));
    if (isTestFile(rel)) continue;
    const inModule = rel.startsWith("modules/") ? rel.split("/")[1] : null;
    const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line + 1;
    const { imports, sql } = scan(sf);

    for (const { spec, pos } of imports) {
      if (!spec.startsWith(".")) continue;
      const target = posix(path.relative(modulesDir, path.resolve(path.dirname(file), spec)));
      if (target.startsWith("..")) continue; // not into a module
      const [targetModule, ...rest] = target.split("/");
      const targetFile = rest.join("/");
      if (!targetModule || targetModule === inModule) continue;
      const isSchema = /\.schema(\.js|\.ts)?$/.test(targetFile);
      if (inModule) {
        if (/^index(\.js|\.ts)?$/.test(targetFile)) continue;
        if (isSchema && rel.endsWith(".schema.ts")) continue; // foreign keys
        violations.push({
          file: rel,
          line: lineOf(pos),
          rule: isSchema ? "schema-import" : "deep-import",
          message: isSchema
            ? `模块 ${inModule} 引用了模块 ${targetModule} 的表定义 ${spec}：请调用 ../${targetModule}/index.js 导出的函数`
            : `模块 ${inModule} 越过 index.ts 引用了 ${spec}：请改为 ../${targetModule}/index.js`,
        });
      } else if (isSchema && rel !== "db/schema.ts") {
        violations.push({
          file: rel,
          line: lineOf(pos),
          rule: "schema-import",
          message: `${rel} 引用了模块 ${targetModule} 的表定义 ${spec}：只有 db/schema.ts 汇总各模块的表`,
        });
      }
    }

    if (inModule && tableWord) {
      for (const { text, pos } of sql) {
        for (const m of text.matchAll(tableWord)) {
          const table = m[1];
          const tableOwner = owner.get(table);
          if (!tableOwner || tableOwner === inModule) continue;
          violations.push({
            file: rel,
            line: lineOf(pos),
            rule: "foreign-table",
            message: `模块 ${inModule} 的 SQL 直接写了模块 ${tableOwner} 的表 ${table}：请调用 ../${tableOwner}/index.js 导出的函数`,
          });
        }
      }
    }
  }
  return violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? "server";
  const found = checkBoundaries(dir);
  for (const v of found) console.error(`${path.join(dir, v.file)}:${v.line}  [${v.rule}] ${v.message}`);
  if (found.length) {
    console.error(`模块边界检查：${found.length} 处违规（见 docs/conventions.md「Module boundaries」）`);
    process.exit(1);
  }
  console.log("模块边界检查：通过");
}
