import { useQuery } from "@tanstack/react-query";
import { Alert, Empty, Skeleton, Timeline, Typography } from "antd";
import type { AuditEntry } from "../../../contracts/audit";
import { api, type Page } from "../api";
import { formatTime } from "../format";
import { t } from "../i18n";

function describeChanges(changes: unknown): string[] {
  if (!changes || typeof changes !== "object") return [];
  return Object.entries(changes as Record<string, unknown>).map(([field, v]) => {
    if (Array.isArray(v) && v.length === 2)
      return `${field}：${JSON.stringify(v[0]) ?? "—"} → ${JSON.stringify(v[1]) ?? "—"}`;
    return `${field}：${JSON.stringify(v)}`;
  });
}

/** "操作记录": who changed this record, when, and what — from the audit trail, readable by whoever may read the record. */
export function AuditPanel({ url }: { url: string }) {
  const { data, isLoading, error } = useQuery({
    queryKey: ["history", url],
    queryFn: () => api.get<Page<AuditEntry>>(url, { pageSize: 50 }),
  });
  if (isLoading) return <Skeleton active />;
  if (error) return <Alert type="error" showIcon title={(error as Error).message} />;
  if (!data?.items.length) return <Empty description={t("common.noHistory")} />;
  return (
    <Timeline
      items={data.items.map((e) => ({
        color: e.outcome === "failure" ? "red" : "blue",
        children: (
          <div>
            <Typography.Text strong>{e.summary}</Typography.Text>
            <div>
              <Typography.Text type="secondary">
                {formatTime(e.at)} · {e.actorName ?? "—"}
              </Typography.Text>
            </div>
            {describeChanges(e.changes).map((line) => (
              <div key={line} style={{ fontSize: 12, color: "#666", wordBreak: "break-all" }}>
                {line}
              </div>
            ))}
          </div>
        ),
      }))}
    />
  );
}
