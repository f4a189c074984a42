import { ReloadOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Empty, Space, Table, Tag, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { z } from "zod";
import type { TodoItem, todoList } from "../../../../contracts/creation";
import { api } from "../../../app/api";
import { t } from "../../../app/i18n";
import { daysUntil, tr, useWide } from "./shared";
import { useTodoLink } from "./todoLink";

type TodoList = z.infer<typeof todoList>;

/** 我的待办: what waits for the signed-in user in 示范创建, computed live by the server for their role and scope. */
export default function TodosPage() {
  const linkOf = useTodoLink();
  const wide = useWide();
  // The home page's 逾期事项 links here with ?kind=.
  const [params] = useSearchParams();
  const [kind, setKind] = useState<string | null>(params.get("kind"));
  const q = useQuery({
    queryKey: ["creation-todos"],
    queryFn: () => api.get<TodoList>("/api/creation/todos"),
  });
  const items = q.data?.items ?? [];
  const kinds = useMemo(() => {
    const seen = new Map<string, { label: string; count: number }>();
    for (const i of items) seen.set(i.kind, { label: i.kindLabel, count: (seen.get(i.kind)?.count ?? 0) + 1 });
    return [...seen.entries()];
  }, [items]);
  const shown = kind ? items.filter((i) => i.kind === kind) : items;
  const overdue = items.filter((i) => i.overdue).length;

  const due = (i: TodoItem) => {
    if (!i.dueOn) return "—";
    const days = daysUntil(i.dueOn);
    return (
      <Space size={4} wrap>
        <span>{i.dueOn}</span>
        {i.overdue ? (
          <Tag color="red">{tr("todos.overdue", { days: -days })}</Tag>
        ) : days <= 7 ? (
          <Tag color="orange">{tr("todos.daysLeft", { days })}</Tag>
        ) : null}
      </Space>
    );
  };
  const title = (i: TodoItem) => {
    const to = linkOf(i);
    return to ? <Link to={to}>{i.title}</Link> : <span>{i.title}</span>;
  };
  const kindTag = (i: TodoItem) => <Tag color={i.overdue ? "red" : "blue"}>{i.kindLabel}</Tag>;
  const columns: ColumnsType<TodoItem> = [
    { key: "kind", title: tr("todos.kind"), render: (_, i) => kindTag(i) },
    { key: "title", title: tr("todos.item"), render: (_, i) => title(i) },
    { key: "due", title: tr("todos.due"), render: (_, i) => due(i) },
  ];
  // Phones: one cell per to-do, so the title wraps instead of scrolling sideways.
  const phoneColumns: ColumnsType<TodoItem> = [
    {
      key: "todo",
      title: tr("todos.item"),
      render: (_, i) => (
        <Space orientation="vertical" size={4}>
          {kindTag(i)}
          {title(i)}
          {due(i)}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={
        <Space size={8} wrap>
          <span>{tr("todos.title")}</span>
          {q.data && <Tag color="blue">{tr("todos.count", { count: items.length })}</Tag>}
          {overdue > 0 && <Tag color="red">{tr("todos.overdueCount", { count: overdue })}</Tag>}
        </Space>
      }
      extra={
        <Tooltip title={t("common.refresh")}>
          <Button icon={<ReloadOutlined />} onClick={() => q.refetch()} aria-label={t("common.refresh")} />
        </Tooltip>
      }
    >
      {q.error ? (
        <Alert
          type="error"
          showIcon
          title={t("common.loadFailed", { message: (q.error as Error).message })}
          action={<Button onClick={() => q.refetch()}>{t("common.retry")}</Button>}
        />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          {kinds.length > 1 && (
            <Space size={[8, 8]} wrap data-testid="todo-kinds">
              <Tag.CheckableTag checked={kind === null} onChange={() => setKind(null)}>
                {tr("todos.all", { count: items.length })}
              </Tag.CheckableTag>
              {kinds.map(([k, v]) => (
                <Tag.CheckableTag key={k} checked={kind === k} onChange={() => setKind(kind === k ? null : k)}>
                  {`${v.label}（${v.count}）`}
                </Tag.CheckableTag>
              ))}
            </Space>
          )}
          <Table<TodoItem>
            rowKey={(i) => `${i.kind}:${i.entityId}`}
            size="middle"
            loading={q.isFetching}
            dataSource={shown}
            pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={wide ? { x: "max-content" } : undefined}
            locale={{ emptyText: <Empty description={tr("todos.empty")} /> }}
            data-testid="todos"
            columns={wide ? columns : phoneColumns}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {tr("todos.note")}
          </Typography.Text>
        </Space>
      )}
    </Card>
  );
}
