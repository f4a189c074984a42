import { Empty, Pagination, Space, Tag, Typography } from "antd";
import { useState } from "react";
import type { ReportView } from "../../../../contracts/plan-progress";
import { formatTime } from "../../../app/format";
import { t } from "../../../app/i18n";
import { ActivityEvidenceLinks } from "../../activities/ActivityEvidence";
import { percentText, TaskStatusTag } from "../labels";
import { EvidenceLinks } from "./EvidenceField";

const PAGE = 8;

/** One report: who, which period, how far, what they said, evidence, when (and whether late). */
function ReportBlock({ r, own, onRevise }: { r: ReportView; own: boolean; onRevise?: (r: ReportView) => void }) {
  return (
    <div style={{ padding: "10px 0", borderBottom: "1px solid rgba(5,5,5,0.06)" }} data-testid="task-report">
      <div style={{ display: "flex", flexWrap: "wrap", gap: "4px 8px", alignItems: "center" }}>
        <Typography.Text strong>{r.periodLabel}</Typography.Text>
        <Typography.Text>{r.orgName}</Typography.Text>
        {own && <Tag color="blue">{t("plans.report.ownUnit")}</Tag>}
        <TaskStatusTag status={r.status} />
        <Typography.Text>{percentText(r.percent)}</Typography.Text>
        {r.late && <Tag color="warning">{t("plans.report.late")}</Tag>}
        <span style={{ flex: 1 }} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatTime(r.submittedAt)}
        </Typography.Text>
        {own && onRevise && (
          <Typography.Link onClick={() => onRevise(r)} data-testid="report-revise">
            {t("plans.report.revise")}
          </Typography.Link>
        )}
      </div>
      {r.narrative && (
        <Typography.Paragraph
          style={{ margin: "4px 0 0", whiteSpace: "pre-wrap" }}
          ellipsis={{ rows: 3, expandable: true, symbol: t("plans.more") }}
        >
          {r.narrative}
        </Typography.Paragraph>
      )}
      {r.metricValue !== null && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("plans.report.metricValue", { value: r.metricValue })}
        </Typography.Text>
      )}
      {r.evidence.length > 0 && (
        <div style={{ marginTop: 4 }}>
          <EvidenceLinks planId={r.planId} evidence={r.evidence} />
        </div>
      )}
      {r.activities.length > 0 && (
        <div style={{ marginTop: 4 }}>
          <ActivityEvidenceLinks base={`/api/plans/${r.planId}`} activities={r.activities} />
        </div>
      )}
    </div>
  );
}

/**
 * The reports on one task the caller may see, latest period first: a unit its own; the lead unit its co-units'
 * too; the issuing department and upper levels all. The caller's own unit's reports can be revised. Laid out as
 * blocks rather than a table so the narrative stays readable in a side panel and on a phone.
 */
export function TaskReports({
  reports,
  ownOrgId,
  onRevise,
}: {
  reports: ReportView[];
  ownOrgId?: string;
  onRevise?: (r: ReportView) => void;
}) {
  const [page, setPage] = useState(1);
  if (reports.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("plans.report.none")} />;
  const shown = reports.slice((page - 1) * PAGE, page * PAGE);
  return (
    <Space orientation="vertical" size={8} style={{ width: "100%" }} data-testid="task-reports">
      <div>
        {shown.map((r) => (
          <ReportBlock key={r.id} r={r} own={r.orgId === ownOrgId} onRevise={onRevise} />
        ))}
      </div>
      {reports.length > PAGE && (
        <Pagination
          size="small"
          current={page}
          pageSize={PAGE}
          total={reports.length}
          onChange={setPage}
          showTotal={(total) => t("common.total", { total })}
          style={{ justifyContent: "flex-end" }}
        />
      )}
    </Space>
  );
}
