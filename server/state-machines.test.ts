import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/*
 * No status column is written outside a state machine (core/state-machine.ts): this reads the server's sources
 * for UPDATEs that set `status` — `.update(t).set({ status … })` in Drizzle, `UPDATE … SET … status =` in SQL —
 * and fails on one that is not in a machine's `move` or on the list below. Inserts (the initial state) are not
 * UPDATEs and are not looked at.
 */

const ROOT = import.meta.dirname;

/**
 * Status writes that are not a lifecycle of their own, each with its reason. A new entry needs one too.
 * Keys are `path: the status value or expression`.
 */
const ALLOWED: Record<string, string> = {
  "core/jobs.ts: sql": "the job queue's run state (claimed, done, failed): the runner's bookkeeping",
  // Enable/disable switches, not lifecycles: audited by their own update routes.
  "modules/identity/user.service.ts: status": "a user account enabled or disabled (启用/停用)",
  "modules/org/org.service.ts: status": "an organization enabled or disabled (启用/停用)",
  'modules/materials/materials.service.ts: "active"': "a material restored from the archive",
  "modules/materials/materials.service.ts: status": "a material archived or restored",
  // Sub-records whose status moves only inside a machine step of their owner, audited by that step.
  'modules/creation/applicant.service.ts: "applied"':
    "the 培育库 entry follows its unit into an application (application create)",
  'modules/creation/applicant.service.ts: "cultivating"':
    "the 培育库 entry returns to cultivating when the application is withdrawn or its draft deleted (withdraw, delete)",
  'modules/creation/application-review.service.ts: "active"': "an expert assignment (re)activated by assign_experts",
  'modules/creation/application-review.service.ts: "withdrawn"': "an expert assignment withdrawn by withdraw_expert",
  'modules/creation/decision.service.ts: "named"': "the 培育库 entry marked named by the naming decision",
  // Progress is a reported value, not a lifecycle: any status may follow any; the task's copy is derived.
  "modules/plans/report.service.ts: fields": "a progress report's reported status (not_started … completed)",
  "modules/plans/tree-edit.service.ts: sql": "plan_node_units.status: the latest report's status, copied by SQL",
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === "test" ? [] : files(p);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [p] : [];
  });
}

function walk(node: ts.Node, visit: (n: ts.Node) => void) {
  visit(node);
  node.forEachChild((c) => walk(c, visit));
}

/** `path: value` of every status an UPDATE writes in one source file. */
function statusWrites(path: string, text: string): string[] {
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  walk(sf, (n) => {
    // .update(x).set({ …, status: v }) / .set({ status }) / .set({ ...fields }) where fields holds status
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === "set") {
      const chain = n.expression.expression.getText(sf);
      const arg = n.arguments[0];
      if (!/\.update\(/.test(chain) || !arg || !ts.isObjectLiteralExpression(arg)) return;
      for (const p of arg.properties) {
        if (ts.isPropertyAssignment(p) && p.name.getText(sf) === "status")
          found.push(`${path}: ${p.initializer.getText(sf)}`);
        if (ts.isShorthandPropertyAssignment(p) && p.name.text === "status") found.push(`${path}: status`);
        if (ts.isSpreadAssignment(p) && ts.isIdentifier(p.expression)) {
          const name = p.expression.text;
          walk(sf, (d) => {
            if (
              ts.isVariableDeclaration(d) &&
              ts.isIdentifier(d.name) &&
              d.name.text === name &&
              d.initializer &&
              ts.isObjectLiteralExpression(d.initializer) &&
              d.initializer.properties.some((q) => q.name?.getText(sf) === "status")
            )
              found.push(`${path}: ${name}`);
          });
        }
      }
    }
    // Raw SQL: UPDATE <table> SET … status = …
    if (ts.isTaggedTemplateExpression(n) && n.tag.getText(sf) === "sql") {
      const t = n.template.getText(sf);
      if (/\bUPDATE\s+\w+[\s\S]*?\bSET\b[\s\S]*?[\s,]status\s*=/i.test(t)) found.push(`${path}: sql`);
    }
  });
  return found;
}

describe("state machines", () => {
  const writes = files(ROOT).flatMap((f) => statusWrites(relative(ROOT, f), readFileSync(f, "utf8")));

  it("write no status outside a machine's move, but for the listed exceptions", () => {
    expect(writes.filter((w) => !(w in ALLOWED))).toEqual([]);
    // Each exception is still there: a stale entry is removed with the code it excused.
    expect(Object.keys(ALLOWED).filter((k) => !writes.includes(k))).toEqual([]);
  });

  it("catch a direct status write", () => {
    const src = `await tx.update(creationBatches).set({ status: "concluded", updatedAt: now }).where(eq(x, y));
      await db.execute(sql\`UPDATE plans SET title = 'x', status = 'closed' WHERE id = \${id}\`);
      const f = { status: "open" }; await tx.update(t).set({ ...f }).where(w);
      await tx.insert(t).values({ status: "draft" });`;
    expect(statusWrites("x.ts", src)).toEqual(['x.ts: "concluded"', "x.ts: sql", "x.ts: f"]);
  });
});
