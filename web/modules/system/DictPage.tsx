import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Col, Drawer, List, Popconfirm, Row, Space, Switch, Table, Tag, Typography } from "antd";
import { useState } from "react";
import type { DictEntryRow, DictTypeRow } from "../../../contracts/system";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { AuditPanel } from "../../app/components/AuditPanel";
import { t } from "../../app/i18n";
import { DictEntryModal } from "./DictEntryModal";
import { systemKeys } from "./systemApi";

const d = (key: string, params?: Record<string, string | number>) => t(`system.dict.${key}`, params);

/**
 * 字典管理 (system administrator): every module's code lists. Codes stay; labels, the Mongolian label, order and
 * enabling change here and show everywhere at once. A code that records use can only be disabled.
 */
export default function DictPage() {
  const types = useQuery({
    queryKey: systemKeys.dictTypes,
    queryFn: () => api.get<DictTypeRow[]>("/api/system/dicts"),
  });
  const [type, setType] = useState<string | null>(null);
  const current = type ?? types.data?.[0]?.type ?? null;
  const currentName = types.data?.find((x) => x.type === current)?.name ?? current ?? "";
  return (
    <Row gutter={16}>
      <Col xs={24} md={7}>
        <Card title={d("types")} loading={types.isLoading}>
          <List
            dataSource={types.data ?? []}
            renderItem={(x) => (
              <List.Item
                onClick={() => setType(x.type)}
                style={{ cursor: "pointer", background: x.type === current ? "#fff1f0" : undefined, paddingInline: 8 }}
                data-testid={`dict-type-${x.type}`}
              >
                <List.Item.Meta
                  title={x.name}
                  description={`${x.module ?? d("noModule")} · ${d("count", { count: x.entries })}`}
                />
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} md={17}>
        {current && <DictEntries type={current} name={currentName} />}
      </Col>
    </Row>
  );
}

function DictEntries({ type, name }: { type: string; name: string }) {
  const entries = useQuery({
    queryKey: systemKeys.dict(type),
    queryFn: () => api.get<DictEntryRow[]>(`/api/system/dicts/${type}`),
  });
  const { can } = useAuth();
  const canEdit = can("system:settings");
  const [editing, setEditing] = useState<DictEntryRow | "new" | null>(null);
  const [history, setHistory] = useState<DictEntryRow | null>(null);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const done = (msg: string) => {
    message.success(msg);
    return qc.invalidateQueries({ queryKey: systemKeys.dicts });
  };
  const onError = (e: Error) => message.error(e.message);
  const toggle = useMutation({
    mutationFn: (r: DictEntryRow) => api.patch(`/api/system/dicts/${type}/${r.code}`, { enabled: !r.enabled }),
    onSuccess: () => done(d("saved")),
    onError,
  });
  const remove = useMutation({
    mutationFn: (r: DictEntryRow) => api.delete(`/api/system/dicts/${type}/${r.code}`),
    onSuccess: () => done(d("removed")),
    onError,
  });
  const move = useMutation({
    mutationFn: ({ from, to }: { from: number; to: number }) => {
      const codes = (entries.data ?? []).map((e) => e.code);
      [codes[from], codes[to]] = [codes[to], codes[from]];
      return api.put(`/api/system/dicts/${type}/order`, { codes });
    },
    onSuccess: () => done(d("reordered")),
    onError,
  });
  const rows = entries.data ?? [];
  return (
    <Card
      title={`${name}（${type}）`}
      extra={
        canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>
            {d("add")}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{d("subtitle")}</Typography.Paragraph>
      <Table<DictEntryRow>
        rowKey="code"
        size="middle"
        loading={entries.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 860 }}
        columns={[
          { title: d("columns.code"), dataIndex: "code", width: 150 },
          { title: d("columns.label"), dataIndex: "label", width: 180 },
          { title: d("columns.labelMn"), dataIndex: "labelMn", width: 160, render: (v: string | null) => v ?? "—" },
          {
            title: d("columns.enabled"),
            dataIndex: "enabled",
            width: 90,
            render: (_: boolean, r) => (
              <Switch
                size="small"
                checked={r.enabled}
                disabled={!canEdit}
                aria-label={d("columns.enabled")}
                onChange={() => toggle.mutate(r)}
              />
            ),
          },
          {
            title: d("columns.usage"),
            dataIndex: "usage",
            width: 100,
            render: (u: number | null) => (u === null ? <Tag>{d("usageUnknown")}</Tag> : u),
          },
          {
            title: t("common.actions"),
            key: "actions",
            width: 260,
            render: (_: unknown, r, i) => (
              <Space size={0} wrap>
                {canEdit && (
                  <>
                    <Button
                      type="link"
                      size="small"
                      icon={<ArrowUpOutlined />}
                      aria-label={d("up")}
                      disabled={i === 0}
                      onClick={() => move.mutate({ from: i, to: i - 1 })}
                    />
                    <Button
                      type="link"
                      size="small"
                      icon={<ArrowDownOutlined />}
                      aria-label={d("down")}
                      disabled={i === rows.length - 1}
                      onClick={() => move.mutate({ from: i, to: i + 1 })}
                    />
                    <Button type="link" size="small" onClick={() => setEditing(r)}>
                      {d("edit")}
                    </Button>
                  </>
                )}
                <Button type="link" size="small" onClick={() => setHistory(r)}>
                  {t("common.history")}
                </Button>
                {canEdit && r.usage === 0 && (
                  <Popconfirm title={d("removeConfirm", { label: r.label })} onConfirm={() => remove.mutate(r)}>
                    <Button type="link" size="small" danger>
                      {d("remove")}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <DictEntryModal type={type} entry={editing === "new" ? null : editing} onClose={() => setEditing(null)} />
      )}
      <Drawer open={!!history} title={history?.label} onClose={() => setHistory(null)} size="large">
        {history && <AuditPanel url={`/api/system/dicts/${type}/${history.code}/history`} />}
      </Drawer>
    </Card>
  );
}
