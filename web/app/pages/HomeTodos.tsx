import { useQuery } from "@tanstack/react-query";
import { Alert, Badge, Card, Empty, List, Space, Tag, Typography } from "antd";
import { Link } from "react-router";
import type { TodoView } from "../../../contracts/plan-progress";
import { TODO_KIND_LABELS } from "../../../contracts/plans";
import { api } from "../api";
import { useAuth } from "../auth";
import { t } from "../i18n";
import { PAGE_ROUTES } from "../routes";

type Todo = { kind: string; overdue: boolean };
type Group = { key: string; label: string; count: number; overdue: number };

/** Counts per kind, in the order the server lists them. */
function groupTodos(items: (Todo & { label: string })[]): Group[] {
  const groups = new Map<string, Group>();
  for (const i of items) {
    const g = groups.get(i.kind) ?? { key: i.kind, label: i.label, count: 0, overdue: 0 };
    g.count++;
    if (i.overdue) g.overdue++;
    groups.set(i.kind, g);
  }
  return [...groups.values()];
}

/**
 * 待办事项 on the home page: what waits for the user in 示范创建 and 规划监测, by kind, with the way to the full
 * list. Each module's list is only asked for when the user holds its read permission.
 */
export function HomeTodos() {
  const { can } = useAuth();
  const routeOpen = (path: string) => PAGE_ROUTES.some((r) => r.path === path && (!r.permission || can(r.permission)));
  const creation = useQuery({
    queryKey: ["creation-todos"],
    enabled: can("creation:read"),
    queryFn: () =>
      api
        .get<{ items: (Todo & { kindLabel: string })[] }>("/api/creation/todos")
        .then((d) => groupTodos(d.items.map((i) => ({ ...i, label: i.kindLabel })))),
  });
  const plans = useQuery({
    queryKey: ["home-plan-todos"],
    enabled: can("plan:read"),
    queryFn: () =>
      api
        .get<{ items: TodoView[] }>("/api/plans/todos")
        .then((d) => groupTodos(d.items.map((i) => ({ ...i, label: TODO_KIND_LABELS[i.kind] })))),
  });
  const sections = [
    { key: "creation", title: t("home.todosCreation"), q: creation, to: "creation/todos" },
    { key: "plans", title: t("home.todosPlans"), q: plans, to: can("plan:report") ? "plans/my-tasks" : "plans" },
  ].filter((s) => s.q.isEnabled ?? true);
  if (!can("creation:read") && !can("plan:read")) return null;
  const error = sections.find((s) => s.q.error)?.q.error as Error | undefined;
  const loading = sections.some((s) => s.q.isLoading);
  const nonEmpty = sections.filter((s) => (s.q.data?.length ?? 0) > 0);

  return (
    <Card title={t("home.todos")} loading={loading} data-testid="home-todos">
      {error && <Alert type="error" showIcon title={t("home.todosFailed", { message: error.message })} />}
      {!error && nonEmpty.length === 0 && <Empty description={t("home.todosNone")} />}
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        {nonEmpty.map((s) => (
          <div key={s.key}>
            <Space style={{ width: "100%", justifyContent: "space-between" }}>
              <Typography.Text strong>{s.title}</Typography.Text>
              {routeOpen(s.to) && <Link to={`/${s.to}`}>{t("home.todosAll")}</Link>}
            </Space>
            <List
              size="small"
              dataSource={s.q.data ?? []}
              renderItem={(g) => (
                <List.Item>
                  <Space wrap>
                    <span>{g.label}</span>
                    {g.overdue > 0 && <Tag color="red">{t("home.todosOverdue", { n: g.overdue })}</Tag>}
                  </Space>
                  <Badge count={g.count} overflowCount={999} color={g.overdue > 0 ? "red" : "blue"} />
                </List.Item>
              )}
            />
          </div>
        ))}
      </Space>
    </Card>
  );
}
