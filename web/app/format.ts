import dayjs from "dayjs";

/** Times are stored in UTC and always shown in Beijing time. */
export function formatTime(value: string | null | undefined): string {
  return value ? dayjs(value).tz("Asia/Shanghai").format("YYYY-MM-DD HH:mm:ss") : "—";
}

export function formatDate(value: string | null | undefined): string {
  return value ? dayjs(value).tz("Asia/Shanghai").format("YYYY-MM-DD") : "—";
}
