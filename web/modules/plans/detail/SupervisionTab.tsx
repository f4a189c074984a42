import { PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Empty, Segmented, Skeleton, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import type { z } from "zod";
import type { inspectionView, RectificationView } from "../../../../contracts/plan-progress";
import type { PlanView } from "../../../../contracts/plans";
import { api } from "../../../app/api";
import { useAuth } from "../../../app/auth";
import { formatDate, formatTime } from "../../../app/format";
import { t } from "../../../app/i18n";
import { label, RectificationTag } from "../labels";
import { planKeys } from "../planApi";
import { EvidenceLinks } from "../shared/EvidenceField";
import { CloseModal, FindingModal, InspectionForm, VerifyModal } from "./SupervisionForms";

type Inspection = z.infer<typeof inspectionView>;
const s = (key: string, params?: Record<string, string | number>) => t(`plans.supervision.${key}`, params);

type Filter = "all" | "open" | "closed" | "verified" | "overdue";
const FILTERS: Filter[] = ["all", "open", "closed", "verified", "overdue"];

function matches(r: RectificationView, f: Filter) {
  if (f === "all") return true;
  if (f === "overdue") return r.overdue;
  return r.status === f;
}

/** Deadline, and whether it is overdue or was escalated to the owner's superior. */
function DeadlineCell({ r }: { r: RectificationView }) {
  return (
    <Space orientation="vertical" size={2}>
      <span>{formatDate(r.deadline)}</span>
      {r.overdue && <Tag color="error">{s("overdue")}</Tag>}
      {r.escalatedAt && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {s("escalatedTo", { org: r.escalatedToOrgName ?? "—", at: formatDate(r.escalatedAt) })}
        </Typography.Text>
      )}
    </Space>
  );
}

/** How the item was handled: the owner's closure with evidence, and the inspector's verdict. */
function HandlingCell({ r }: { r: RectificationView }) {
  if (!r.closedAt && !r.verifyNote) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space orientation="vertical" size={2}>
      {r.closureNote && (
        <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2, expandable: true, symbol: t("plans.more") }}>
          {r.closureNote}
        </Typography.Paragraph>
      )}
      <EvidenceLinks planId={r.planId} evidence={r.closureEvidence} />
      {r.closedAt && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {s("closedAt", { at: formatTime(r.closedAt) })}
        </Typography.Text>
      )}
      {r.verifyNote && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {s("verifyNoteLine", { note: r.verifyNote })}
        </Typography.Text>
      )}
      {r.returnCount > 0 && <Tag color="warning">{s("returnCount", { count: r.returnCount })}</Tag>}
    </Space>
  );
}

type Dialog =
  | { kind: "inspection" }
  | { kind: "finding"; inspectionId: string }
  | { kind: "close"; item: RectificationView }
  | { kind: "verify"; item: RectificationView };

/**
 * 督查整改: inspections and the rectifications their findings became. The issuing department records inspections
 * and verifies; the owner unit submits its rectification with evidence; overdue items show escalated to the
 * owner's superior. A unit sees only the items it owns or was escalated.
 */
export function SupervisionTab({ plan }: { plan: PlanView }) {
  const { can, me } = useAuth();
  const [filter, setFilter] = useState<Filter>("all");
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const inspections = useQuery({
    queryKey: planKeys.inspections(plan.id),
    queryFn: () => api.get<Inspection[]>(`/api/plans/${plan.id}/inspections`),
  });
  const manage = plan.access === "manage" && can("plan:manage");
  const myOrg = me?.user.orgId;

  if (inspections.isLoading) return <Skeleton active />;
  if (inspections.error)
    return (
      <Alert
        type="error"
        showIcon
        title={t("common.loadFailed", { message: (inspections.error as Error).message })}
        action={<Button onClick={() => inspections.refetch()}>{t("common.retry")}</Button>}
      />
    );
  const list = inspections.data ?? [];
  const all = list.flatMap((i) => i.rectifications);
  const count = (f: Filter) => all.filter((r) => matches(r, f)).length;

  const actions = (r: RectificationView, inspection: Inspection) => (
    <Space orientation="vertical" size={4}>
      {r.status === "open" && r.ownerOrgId === myOrg && can("plan:report") && (
        <Button
          size="small"
          type="primary"
          onClick={() => setDialog({ kind: "close", item: r })}
          data-testid="rect-close"
        >
          {s("close")}
        </Button>
      )}
      {r.status === "closed" && inspection.orgId === myOrg && can("plan:manage") && (
        <Button
          size="small"
          type="primary"
          onClick={() => setDialog({ kind: "verify", item: r })}
          data-testid="rect-verify"
        >
          {s("verify")}
        </Button>
      )}
    </Space>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, justifyContent: "space-between" }}>
        <div style={{ overflowX: "auto", maxWidth: "100%" }}>
          <Segmented
            value={filter}
            onChange={(v) => setFilter(v as Filter)}
            options={FILTERS.map((f) => ({
              value: f,
              label: `${f === "all" ? s("all") : f === "overdue" ? s("overdue") : label("rectification", f)} ${count(f)}`,
            }))}
            data-testid="rect-filter"
          />
        </div>
        {manage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDialog({ kind: "inspection" })}
            data-testid="inspection-create"
          >
            {s("newInspection")}
          </Button>
        )}
      </div>

      {list.length === 0 ? (
        <Card>
          <Empty description={s("none")} />
        </Card>
      ) : (
        list.map((insp) => {
          const rows = insp.rectifications.filter((r) => matches(r, filter));
          return (
            <Card
              key={insp.id}
              title={
                <Space size={8} wrap style={{ whiteSpace: "normal" }}>
                  <span>{insp.title}</span>
                  <Typography.Text type="secondary" style={{ fontWeight: "normal", fontSize: 13 }}>
                    {s("inspectionLine", { date: formatDate(insp.inspectedOn), org: insp.orgName })}
                  </Typography.Text>
                </Space>
              }
              extra={
                manage &&
                insp.orgId === myOrg && (
                  <Button
                    size="small"
                    icon={<PlusOutlined />}
                    onClick={() => setDialog({ kind: "finding", inspectionId: insp.id })}
                  >
                    {s("addFinding")}
                  </Button>
                )
              }
              data-testid="inspection-card"
            >
              {insp.description && <Typography.Paragraph type="secondary">{insp.description}</Typography.Paragraph>}
              <Table<RectificationView>
                rowKey="id"
                size="small"
                dataSource={rows}
                pagination={false}
                scroll={{ x: 1000 }}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={s("noneFiltered")} /> }}
                data-testid="rect-table"
                columns={[
                  {
                    key: "finding",
                    title: s("fields.finding"),
                    width: 280,
                    render: (_, r) => (
                      <Space orientation="vertical" size={2}>
                        <Typography.Text>{r.finding}</Typography.Text>
                        {r.requirement && (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {s("requirementLine", { text: r.requirement })}
                          </Typography.Text>
                        )}
                        {r.nodeTitle && (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {s("taskLine", { title: r.nodeTitle })}
                          </Typography.Text>
                        )}
                      </Space>
                    ),
                  },
                  { key: "owner", title: s("fields.owner"), dataIndex: "ownerOrgName", width: 170 },
                  {
                    key: "deadline",
                    title: s("fields.deadline"),
                    width: 150,
                    render: (_, r) => <DeadlineCell r={r} />,
                  },
                  {
                    key: "status",
                    title: t("common.status"),
                    width: 120,
                    render: (_, r) => <RectificationTag status={r.status} />,
                  },
                  { key: "handling", title: s("handling"), width: 240, render: (_, r) => <HandlingCell r={r} /> },
                  {
                    key: "actions",
                    title: t("common.actions"),
                    width: 110,
                    fixed: "right",
                    render: (_, r) => actions(r, insp),
                  },
                ]}
              />
            </Card>
          );
        })
      )}

      {dialog?.kind === "inspection" && <InspectionForm plan={plan} onClose={() => setDialog(null)} />}
      {dialog?.kind === "finding" && (
        <FindingModal plan={plan} inspectionId={dialog.inspectionId} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === "close" && <CloseModal plan={plan} item={dialog.item} onClose={() => setDialog(null)} />}
      {dialog?.kind === "verify" && <VerifyModal plan={plan} item={dialog.item} onClose={() => setDialog(null)} />}
    </Space>
  );
}
