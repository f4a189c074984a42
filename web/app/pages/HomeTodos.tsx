import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Empty, Space, Tag, Typography } from "antd";
import { Link } from "react-router";
import type { TodoItem } from "../../../contracts/creation";
import type { TodoView } from "../../../contracts/plan-progress";
import { TODO_KIND_LABELS } from "../../../contracts/plans";
import { useTodoLink } from "../../modules/creation/results/todoLink";
import { dueDate } from "../../modules/plans/shared/periods";
import { api } from "../api";
import { useAuth } from "../auth";
import { t } from "../i18n";
import { findPageRoute } from "../pageRoute";

/** One line of 我的待办: kind, what, by when, and where it is done. */
export type HomeTodo = {
  key: string;
  kind: string;
  title: string;
  dueOn: string | null;
  overdue: boolean;
  to: string | null;
};

const SHOWN = 6;

function daysLate(dueOn: string): number {
  const [y, m, d] = dueOn.split("-").map(Number);
  const due = Date.UTC(y, m - 1, d);
  const now = new Date(Date.now() + 8 * 3600_000);
  return Math.floor((Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - due) / 86_400_000);
}

function TodoLine({ i }: { i: HomeTodo }) {
  return (
    <div
      style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center", padding: "6px 0" }}
      data-testid="home-todo"
    >
      <Tag color={i.overdue ? "red" : "blue"}>{i.kind}</Tag>
      <span style={{ flex: "1 1 220px", minWidth: 0 }}>{i.to ? <Link to={i.to}>{i.title}</Link> : i.title}</span>
      {i.dueOn && (
        <Typography.Text type={i.overdue ? "danger" : "secondary"} style={{ fontSize: 12 }}>
          {i.overdue
            ? t("home.todoOverdue", { date: i.dueOn, days: daysLate(i.dueOn) })
            : t("home.todoDue", { date: i.dueOn })}
        </Typography.Text>
      )}
    </div>
  );
}

/**
 * 我的待办 on the home page: what the user owes in 示范创建 and 规划监测 — each item with its deadline and a link to
 * where it is done, overdue first. Each module's list is only asked for when the user holds its read permission.
 */
export function HomeTodos() {
  const { can } = useAuth();
  const linkOf = useTodoLink();
  const routeOpen = (path: string) => {
    const r = findPageRoute(path);
    return !!r && (!r.permission || can(r.permission));
  };
  const creation = useQuery({
    queryKey: ["creation-todos"],
    enabled: can("creation:read"),
    queryFn: () => api.get<{ items: TodoItem[] }>("/api/creation/todos"),
  });
  const plans = useQuery({
    queryKey: ["home-plan-todos"],
    enabled: can("plan:read"),
    queryFn: () => api.get<{ items: TodoView[] }>("/api/plans/todos"),
  });
  if (!can("creation:read") && !can("plan:read")) return null;
  const planLink = (i: TodoView) =>
    (i.kind === "report" || i.kind === "rectify") && routeOpen("plans/my-tasks")
      ? "/plans/my-tasks"
      : `/plans/${i.planId}?tab=supervision`;
  const sections = [
    {
      key: "creation",
      title: t("home.todosCreation"),
      q: creation,
      to: "creation/todos",
      items: (creation.data?.items ?? []).map(
        (i): HomeTodo => ({
          key: `${i.kind}:${i.entityId}`,
          kind: i.kindLabel,
          title: i.title,
          dueOn: i.dueOn,
          overdue: i.overdue,
          to: linkOf(i),
        }),
      ),
    },
    {
      key: "plans",
      title: t("home.todosPlans"),
      q: plans,
      to: can("plan:report") ? "plans/my-tasks" : "plans",
      items: (plans.data?.items ?? [])
        .map(
          (i): HomeTodo => ({
            key: `${i.kind}:${i.planId}:${i.nodeId ?? ""}:${i.period ?? ""}:${i.rectificationId ?? ""}`,
            kind: TODO_KIND_LABELS[i.kind],
            title: i.nodeTitle
              ? `${i.nodeNumber ?? ""} ${i.nodeTitle}${i.periodLabel ? `（${i.periodLabel}）` : ""}`.trim()
              : i.title,
            dueOn: dueDate(i.dueAt),
            overdue: i.overdue,
            to: planLink(i),
          }),
        )
        .sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueOn ?? "").localeCompare(b.dueOn ?? "")),
    },
  ].filter((s) => s.q.isEnabled ?? true);
  const error = sections.find((s) => s.q.error)?.q.error as Error | undefined;
  const loading = sections.some((s) => s.q.isLoading);
  const nonEmpty = sections.filter((s) => s.items.length > 0);

  return (
    <Card title={t("home.todos")} loading={loading} data-testid="home-todos">
      {error && <Alert type="error" showIcon title={t("home.todosFailed", { message: error.message })} />}
      {!error && nonEmpty.length === 0 && <Empty description={t("home.todosNone")} />}
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        {nonEmpty.map((s) => {
          const overdue = s.items.filter((i) => i.overdue).length;
          return (
            <div key={s.key} data-testid={`home-todos-${s.key}`}>
              <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
                <Space wrap>
                  <Typography.Text strong>{s.title}</Typography.Text>
                  <Tag>{t("home.todosCount", { n: s.items.length })}</Tag>
                  {overdue > 0 && <Tag color="red">{t("home.todosOverdue", { n: overdue })}</Tag>}
                </Space>
                {routeOpen(s.to) && <Link to={`/${s.to}`}>{t("home.todosAll")}</Link>}
              </Space>
              {s.items.slice(0, SHOWN).map((i) => (
                <TodoLine key={i.key} i={i} />
              ))}
            </div>
          );
        })}
      </Space>
    </Card>
  );
}
