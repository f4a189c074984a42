import { Alert, Button, Card, Skeleton, Space, Tabs } from "antd";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { ApiError } from "../../../app/api";
import { AuditPanel } from "../../../app/components/AuditPanel";
import { NotFoundPage } from "../../../app/components/ResultPages";
import { t } from "../../../app/i18n";
import { usePlan } from "../planApi";
import { PlanHeader } from "./PlanHeader";
import { RollupTab } from "./RollupTab";
import { SubmissionsTab } from "./SubmissionsTab";
import { SupervisionTab } from "./SupervisionTab";
import { TaskTreeTab } from "./TaskTreeTab";

/**
 * 规划详情: the plan's information and, in tabs, its task tree, roll-up, submissions, supervision and history.
 * A responsible unit sees the outline with its own tasks, its submissions and rectifications; the roll-up and the
 * history cover the whole plan and are not shown to it. The open tab is kept in the address (?tab=).
 */
export default function PlanDetailPage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const plan = usePlan(id);

  if (plan.isLoading) return <Skeleton active />;
  if (plan.error instanceof ApiError && plan.error.status === 404) return <NotFoundPage />;
  if (plan.error || !plan.data)
    return (
      <Alert
        type="error"
        showIcon
        title={t("common.loadFailed", { message: (plan.error as Error)?.message ?? "" })}
        action={<Button onClick={() => plan.refetch()}>{t("common.retry")}</Button>}
      />
    );

  const p = plan.data;
  const whole = p.access !== "unit";
  const tabs = [
    { key: "tasks", label: t("plans.detail.tabs.tasks"), children: <TaskTreeTab plan={p} /> },
    ...(whole ? [{ key: "rollup", label: t("plans.detail.tabs.rollup"), children: <RollupTab plan={p} /> }] : []),
    { key: "submissions", label: t("plans.detail.tabs.submissions"), children: <SubmissionsTab plan={p} /> },
    { key: "supervision", label: t("plans.detail.tabs.supervision"), children: <SupervisionTab plan={p} /> },
    ...(whole
      ? [
          {
            key: "history",
            label: t("plans.detail.tabs.history"),
            children: (
              <Card>
                <AuditPanel url={`/api/plans/${p.id}/history`} />
              </Card>
            ),
          },
        ]
      : []),
  ];
  const requested = search.get("tab");
  const active = tabs.some((tab) => tab.key === requested) ? (requested as string) : "tasks";

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Button type="link" style={{ padding: 0 }} onClick={() => navigate("/plans")}>
        {t("plans.detail.back")}
      </Button>
      <PlanHeader plan={p} />
      <Tabs
        activeKey={active}
        onChange={(key) => setSearch({ tab: key }, { replace: true })}
        items={tabs}
        destroyOnHidden
        data-testid="plan-tabs"
      />
    </Space>
  );
}
