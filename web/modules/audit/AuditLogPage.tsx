import { Space, Tooltip, Typography } from "antd";
import { AUDIT_CATEGORY_LABELS, type AuditEntry } from "../../../contracts/audit";
import { ENTITY_OPTIONS, entityLabel, knownActions } from "../../app/auditLabels";
import { useAuth } from "../../app/auth";
import { type ListColumn, type ListFilter, ListPage } from "../../app/components/ListPage";
import { formatTime } from "../../app/format";
import { t } from "../../app/i18n";
import { AuditChainCard } from "./AuditChainCard";
import { ActionText, CategoryTag, OutcomeTag } from "./AuditTags";
import { ChangesCell } from "./ChangesCell";

/** 审计日志 (audit admin): the SM3-chained trail of every write, login, personal-data read and export. */
export default function AuditLogPage() {
  const { can } = useAuth();

  const filters: ListFilter[] = [
    {
      name: "category",
      label: t("audit.filters.category"),
      type: "select",
      options: Object.entries(AUDIT_CATEGORY_LABELS).map(([value, label]) => ({ value, label })),
    },
    { name: "action", label: t("audit.filters.action"), type: "select", options: knownActions() },
    { name: "entity", label: t("audit.filters.entity"), type: "select", options: ENTITY_OPTIONS },
    {
      name: "outcome",
      label: t("audit.filters.outcome"),
      type: "select",
      options: [
        { value: "success", label: t("audit.outcome.success") },
        { value: "failure", label: t("audit.outcome.failure") },
      ],
    },
    { name: "time", label: t("audit.filters.time"), type: "dateRange" },
    { name: "q", label: t("audit.filters.keyword"), type: "text", placeholder: t("audit.filters.keywordPlaceholder") },
  ];

  const columns: ListColumn<AuditEntry>[] = [
    { key: "seq", title: t("audit.columns.seq"), dataIndex: "seq", width: 56, align: "right" },
    {
      key: "at",
      title: t("audit.columns.at"),
      dataIndex: "at",
      width: 100,
      render: (v: string) => {
        const [date, time] = formatTime(v).split(" ");
        return (
          <div style={{ whiteSpace: "nowrap", lineHeight: "20px" }}>
            <div>{date}</div>
            <Typography.Text type="secondary">{time}</Typography.Text>
          </div>
        );
      },
    },
    {
      key: "category",
      title: t("audit.columns.category"),
      dataIndex: "category",
      width: 100,
      render: (v: AuditEntry["category"]) => <CategoryTag category={v} />,
    },
    {
      key: "action",
      title: t("audit.columns.action"),
      dataIndex: "action",
      width: 104,
      render: (v: string) => <ActionText action={v} />,
    },
    {
      key: "outcome",
      title: t("audit.columns.outcome"),
      dataIndex: "outcome",
      width: 64,
      render: (v: AuditEntry["outcome"]) => <OutcomeTag outcome={v} />,
    },
    {
      key: "actor",
      title: t("audit.columns.actor"),
      dataIndex: "actorName",
      width: 112,
      render: (v: string | null) => <div style={{ width: 96 }}>{v ?? "—"}</div>,
    },
    {
      key: "ip",
      title: t("audit.columns.ip"),
      dataIndex: "ip",
      width: 104,
      render: (v: string | null) => <div style={{ maxWidth: 112, wordBreak: "break-all" }}>{v ?? "—"}</div>,
    },
    {
      key: "entity",
      title: t("audit.columns.entity"),
      dataIndex: "entity",
      width: 96,
      render: (_: unknown, e) =>
        e.entity ? (
          <div style={{ whiteSpace: "nowrap", lineHeight: "20px" }}>
            <div>{entityLabel(e.entity)}</div>
            {e.entityId && (
              <Tooltip title={t("audit.entityId", { id: e.entityId })}>
                <Typography.Text
                  type="secondary"
                  style={{ fontSize: 12 }}
                  copyable={{ text: e.entityId, tooltips: [t("audit.copyId"), t("audit.copied")] }}
                >
                  {e.entityId.length > 8 ? `${e.entityId.slice(0, 8)}…` : e.entityId}
                </Typography.Text>
              </Tooltip>
            )}
          </div>
        ) : (
          "—"
        ),
    },
    {
      key: "summary",
      title: t("audit.columns.summary"),
      dataIndex: "summary",
      render: (v: string | null) => <div style={{ width: 150 }}>{v ?? "—"}</div>,
    },
    {
      key: "changes",
      title: t("audit.columns.changes"),
      dataIndex: "changes",
      render: (v: unknown, e) => <ChangesCell changes={v} entity={e.entity} names={e.names} />,
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <AuditChainCard />
      <ListPage<AuditEntry>
        id="audit-log"
        title={t("audit.title")}
        url="/api/audit"
        exportUrl={can("audit:export") ? "/api/audit/export" : undefined}
        exportName={t("audit.exportName")}
        rowKey="seq"
        columns={columns}
        filters={filters}
      />
    </Space>
  );
}
