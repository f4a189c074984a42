/**
 * What other modules may use of 创建. Nothing yet: the module is mounted by server/app.ts (routes), jobs.ts and
 * bootstrap.ts. Export here, never from a file of the module, when another module needs something of it.
 */
export {};
