import type { z } from "zod";
import type {
  objectionReceipt,
  publicMapSchema,
  publicNoticeSchema,
  publicObjectionStatus,
  publicUnitSchema,
} from "../../../contracts/creation";

// Type-only: the portal bundle never carries zod or the contracts themselves.
export type PublicNotice = z.infer<typeof publicNoticeSchema>;
export type PublicUnit = z.infer<typeof publicUnitSchema>;
export type PublicMap = z.infer<typeof publicMapSchema>;
export type ObjectionReceipt = z.infer<typeof objectionReceipt>;
export type ObjectionStatusView = z.infer<typeof publicObjectionStatus>;
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
export type Category = { code: string; label: string; group: string; groupLabel: string; sort: number };
