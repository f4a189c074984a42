import { Typography } from "antd";
import type { AuditEntry } from "../../../contracts/audit";
import { knownActions } from "../../app/auditLabels";
import { type ListColumn, type ListFilter, ListPage } from "../../app/components/ListPage";
import { formatTime } from "../../app/format";
import { t } from "../../app/i18n";
import { ActionText, OutcomeTag } from "./AuditTags";

/** 登录日志: logins (and failures), logouts, password and second-factor changes, tokens, ended sessions. */
export default function LoginLogPage() {
  const filters: ListFilter[] = [
    {
      name: "outcome",
      label: t("audit.filters.outcome"),
      type: "select",
      options: [
        { value: "success", label: t("audit.outcome.success") },
        { value: "failure", label: t("audit.outcome.failure") },
      ],
    },
    { name: "action", label: t("audit.filters.event"), type: "select", options: knownActions(["auth", "session"]) },
    { name: "time", label: t("audit.filters.time"), type: "dateRange" },
    { name: "q", label: t("audit.filters.keyword"), type: "text", placeholder: t("audit.filters.userPlaceholder") },
  ];

  const columns: ListColumn<AuditEntry>[] = [
    {
      key: "at",
      title: t("audit.columns.at"),
      dataIndex: "at",
      width: 180,
      render: (v: string) => <span style={{ whiteSpace: "nowrap" }}>{formatTime(v)}</span>,
    },
    {
      key: "user",
      title: t("audit.columns.user"),
      dataIndex: "actorName",
      width: 220,
      render: (v: string | null) => v ?? "—",
    },
    {
      key: "ip",
      title: t("audit.columns.ip"),
      dataIndex: "ip",
      width: 140,
      render: (v: string | null) => v ?? "—",
    },
    {
      key: "event",
      title: t("audit.columns.event"),
      dataIndex: "action",
      width: 150,
      render: (v: string) => <ActionText action={v} />,
    },
    {
      key: "outcome",
      title: t("audit.columns.outcome"),
      dataIndex: "outcome",
      width: 90,
      render: (v: AuditEntry["outcome"]) => <OutcomeTag outcome={v} />,
    },
    {
      key: "note",
      title: t("audit.columns.note"),
      dataIndex: "summary",
      render: (v: string | null, e) => (
        <Typography.Text type={e.outcome === "failure" ? "danger" : undefined}>{v ?? "—"}</Typography.Text>
      ),
    },
  ];

  return (
    <ListPage<AuditEntry>
      id="login-log"
      title={t("audit.loginTitle")}
      url="/api/audit/logins"
      rowKey="seq"
      columns={columns}
      filters={filters}
    />
  );
}
