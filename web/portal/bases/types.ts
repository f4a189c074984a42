import type { z } from "zod";
import type { bookingReceipt, publicBaseDirectory, publicBasePage, publicBookingView } from "../../../contracts/bases";

// Type-only: the portal bundle never carries zod or the contracts themselves.
export type BaseDirectory = z.infer<typeof publicBaseDirectory>;
export type BaseItem = BaseDirectory["items"][number];
export type BasePage = z.infer<typeof publicBasePage>;
export type Exhibit = BasePage["content"]["exhibits"][number];
export type Session = BasePage["sessions"][number];
export type BookingReceipt = z.infer<typeof bookingReceipt>;
export type BookingStatusView = z.infer<typeof publicBookingView>;

/** The address of a file of a base's published page. */
export const fileUrl = (baseId: string, fileId: string) => `/api/public/bases/${baseId}/files/${fileId}`;
export const exhibitHref = (baseId: string, exhibitId: string) =>
  `/bases/${baseId}/exhibits/${encodeURIComponent(exhibitId)}`;
