import { useQuery } from "@tanstack/react-query";
import { Alert, Empty, Skeleton, Timeline, Typography } from "antd";
import type { AuditEntry } from "../../../contracts/audit";
import { api, type Page } from "../api";
import { actionLabel, describeChanges } from "../auditLabels";
import { formatTime } from "../format";
import { t } from "../i18n";

/**
 * "操作记录": who changed this record, when, and what — from the audit trail, readable by whoever may read
 * the record; the changes in words (字段名 and codes in Chinese: 权限：新增 查看组织机构；数据范围：本单位 → 本级区划).
 */
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
        key: e.seq,
        color: e.outcome === "failure" ? "red" : "blue",
        content: (
          <div>
            <Typography.Text strong>{e.summary ?? actionLabel(e.action)}</Typography.Text>
            <div>
              <Typography.Text type="secondary">
                {formatTime(e.at)} · {e.actorName ?? "—"}
              </Typography.Text>
            </div>
            {describeChanges(e.changes, e.entity, e.names).map((line, i) => (
              <div
                // biome-ignore lint/suspicious/noArrayIndexKey: positional lines
                key={i}
                style={{ fontSize: 12, color: "rgba(0,0,0,0.65)", wordBreak: "break-all" }}
              >
                {line}
              </div>
            ))}
          </div>
        ),
      }))}
    />
  );
}
