import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Empty, Space, Tag, Typography } from "antd";
import { useNavigate } from "react-router";
import type { TodoView } from "../../../../contracts/plan-progress";
import { api } from "../../../app/api";
import { useAuth } from "../../../app/auth";
import { t } from "../../../app/i18n";
import { TodoKindTag } from "../labels";
import { nodeLabel, planKeys } from "../planApi";
import { dueDate } from "../shared/periods";

const d = (key: string, params?: Record<string, string | number>) => t(`plans.todos.${key}`, params);

/**
 * 待办: reports coming due or overdue, rectifications to carry out, to verify, or escalated to this unit — the
 * server lists them for the user's organization. A report opens the report form here; the others open the plan's
 * 督查整改 tab.
 */
export function TodoCard({ onReport }: { onReport: (todo: TodoView) => void }) {
  const navigate = useNavigate();
  const { can } = useAuth();
  const todos = useQuery({
    queryKey: planKeys.todos,
    queryFn: () => api.get<{ orgId: string; items: TodoView[]; total: number }>("/api/plans/todos"),
  });
  const items = todos.data?.items ?? [];
  const overdue = items.filter((i) => i.overdue).length;

  return (
    <Card
      title={
        <Space size={8} wrap>
          <span>{d("title")}</span>
          {items.length > 0 && <Tag color="processing">{d("count", { count: items.length })}</Tag>}
          {overdue > 0 && <Tag color="error">{d("overdueCount", { count: overdue })}</Tag>}
        </Space>
      }
      loading={todos.isLoading}
      data-testid="plan-todos"
    >
      {todos.error ? (
        <Alert type="error" showIcon title={t("common.loadFailed", { message: (todos.error as Error).message })} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={d("none")} />
      ) : (
        <div style={{ maxHeight: 320, overflowY: "auto" }}>
          {items.map((todo) => (
            <div
              key={`${todo.kind}:${todo.planId}:${todo.nodeId ?? ""}:${todo.period ?? ""}:${todo.rectificationId ?? ""}`}
              style={{
                display: "flex",
                flexWrap: "wrap",
                gap: 8,
                alignItems: "center",
                padding: "8px 0",
                borderBottom: "1px solid rgba(5,5,5,0.06)",
              }}
              data-testid="todo-item"
            >
              <TodoKindTag kind={todo.kind} />
              <div style={{ flex: "1 1 260px", minWidth: 0 }}>
                <Typography.Text>
                  {todo.nodeTitle
                    ? nodeLabel({ number: todo.nodeNumber ?? "", title: todo.nodeTitle })
                    : // The server's title starts with the kind ("整改落实：…"), which the tag already shows.
                      todo.title.replace(/^[^：]{2,8}：/, "")}
                </Typography.Text>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {todo.planTitle}
                    {todo.periodLabel ? ` · ${todo.periodLabel}` : ""}
                  </Typography.Text>
                </div>
              </div>
              <Space size={4} wrap>
                <Typography.Text type={todo.overdue ? "danger" : "secondary"} style={{ fontSize: 12 }}>
                  {d(todo.overdue ? "overdueSince" : "dueBy", { date: dueDate(todo.dueAt) })}
                </Typography.Text>
                {todo.kind === "report" && todo.nodeId && can("plan:report") ? (
                  <Button size="small" type="primary" onClick={() => onReport(todo)} data-testid="todo-report">
                    {d("report")}
                  </Button>
                ) : (
                  <Button size="small" onClick={() => navigate(`/plans/${todo.planId}?tab=supervision`)}>
                    {d("open")}
                  </Button>
                )}
              </Space>
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}
