/**
 * Vitest global setup: prepares the template database once per run (see template.ts) and hands its location to
 * the test files, whose `createTestApp` copies it instead of migrating and loading divisions again.
 */
import type { TestProject } from "vitest/node";
import { pgliteTemplateFile, postgresTemplate } from "./template.js";

export default async function setup(project: TestProject) {
  const started = Date.now();
  const base = process.env.TEST_DATABASE_URL;
  if (base) {
    const template = await postgresTemplate(base);
    project.provide("shiliuTemplateDb", template.name);
    project.provide("shiliuTemplateFile", null);
    console.log(`测试模板数据库 ${template.name} 已就绪（${Date.now() - started} ms）`);
    return () => template.drop();
  }
  const file = await pgliteTemplateFile();
  project.provide("shiliuTemplateFile", file);
  project.provide("shiliuTemplateDb", null);
  console.log(`测试模板数据库（PGlite）已就绪：${file}（${Date.now() - started} ms）`);
}
