/**
 * Large and hostile plan texts: the shapes that made the parser quadratic (issue 8, item 6; issue 10 §1 "linear
 * time") parse to the expected tree. Only the trees are checked here; the time of a 5 MB text is measured by
 * `npm run bench:uploads`.
 */
import { describe, expect, it } from "vitest";
import { largePlanText } from "../../test/hostile-files.js";
import { countPlanNodes, flattenPlan, PlanParseError, parsePlanText } from "./parse-plan.js";

const MB = 1_000_000;

describe("parsePlanText on large texts", () => {
  it("a generated 5 MB plan: every chapter, section and task, with its units and its rejoined text", {
    timeout: 120_000,
  }, () => {
    const { text, chapters, tasks } = largePlanText(5 * MB);
    const plan = parsePlanText(text);
    expect(plan.title).toBe("通辽市民族团结进步示范创建规划（2021-2025年）");
    expect(plan.period).toBe("2021-2025");
    expect(countPlanNodes(plan.nodes)).toEqual({ chapters, sections: chapters * 5, columns: 0, tasks, items: 0 });
    const last = plan.nodes[plan.nodes.length - 1];
    expect(last).toMatchObject({ kind: "chapter", number: `第${chapters}章` });
    const task = flattenPlan(plan.nodes).filter((n) => n.kind === "task")[tasks - 1];
    expect(task).toMatchObject({
      number: "8.",
      title: "推进民族团结进步教育常态化",
      units: ["市委宣传部", "市教育局", "市民委"],
      text: `推进民族团结进步教育常态化。把铸牢中华民族共同体意识教育纳入国民教育体系，开展形式多样的宣传活动，持续推进第${tasks}项工作。`,
    });
    expect(plan.warnings).toEqual([]);
  });

  it("one task continued over 200,000 lines broken mid-sentence keeps all of them in its text", () => {
    const line = "继续的文字没有句号";
    const text = `第一章 总则\n第一节 目标\n1.任务开始，\n${`${line}\n`.repeat(200_000)}第二章 其他\n`;
    const plan = parsePlanText(text);
    const task = plan.nodes[0].children[0].children[0];
    expect(task.text).toHaveLength("任务开始，".length + line.length * 200_000);
    expect(task.text.includes("\n")).toBe(false);
  });

  it("a heading with 300,000 paragraphs, one clause repeated 200,000 times, a 1 MB run of spaces", () => {
    const body = parsePlanText(`第一章 总则\n第二章 其他\n${"正文一句。\n".repeat(300_000)}`);
    expect(body.nodes[1].text.split("\n")).toHaveLength(300_000);
    const clauses = parsePlanText(`第一章 总则\n第二章 其他\n1.任务。${"（责任单位：甲局）".repeat(200_000)}\n`);
    expect(clauses.nodes[1].children[0]).toMatchObject({ kind: "task", text: "任务。", units: ["甲局"] });
    const spaces = parsePlanText(`第一章 总则\n第二章 其他\n甲${" ".repeat(MB)}乙\n`);
    // A line that long is read as a document whose paragraphs lost their breaks: the run of spaces is layout.
    // (Compared by its letters, so a failure does not print a megabyte.)
    expect(spaces.nodes[1].text.replace(/\s/g, "")).toBe("甲乙");
  });

  it("a 牵头 tail, 印发《 and unit names with 和, each repeated a million times, stay single nodes", () => {
    const lead = parsePlanText(`第一章 总则\n第二章 其他\n1.任务（${"牵头".repeat(MB / 2)}\n`);
    expect(lead.nodes[1].children).toHaveLength(1);
    const notice = parsePlanText(`${"印发《".repeat(MB / 3)}\n第一章 总则\n第二章 其他\n`);
    expect(notice.title).toBeNull();
    const and = parsePlanText(`第一章 总则\n第二章 其他\n1.任务（责任单位：${"甲局和".repeat(MB / 3)}）\n`);
    expect(and.nodes[1].children[0].units).toHaveLength(1);
  });

  it("nesting deeper than any plan (专栏 / 一、 over and over) is refused, not built", () => {
    let e: unknown;
    try {
      parsePlanText(`第一章 总则\n${"专栏1 标题\n一、标题\n".repeat(100_000)}`);
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(PlanParseError);
    expect(e).toMatchObject({ status: 400, code: "PLAN_TOO_DEEP" });
  });
});
