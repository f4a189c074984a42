import type { z } from "zod";

export const tags = ["示范创建"];
/** An export takes a list query without paging. */
export const exportQuery = <T extends z.ZodObject>(q: T) => q.omit({ page: true, pageSize: true });
