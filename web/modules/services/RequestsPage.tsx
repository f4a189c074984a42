import { useQuery } from "@tanstack/react-query";
import { Button, Card, Checkbox, Grid, Input, List, Segmented, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import type { Region } from "../../../contracts/org";
import { REQUEST_STATUS_LABELS, type RequestView } from "../../../contracts/services";
import { api, download } from "../../app/api";
import { useAuth } from "../../app/auth";
import { formatTime } from "../../app/format";
import { DueMark, GreenTag, StatusTag } from "./labels";
import { RequestEntry } from "./RequestEntry";
import { type RequestFilters, useRequests, useServiceOptions } from "./servicesApi";

const VIEWS = [
  { value: "window", label: "窗口队列", permission: "service:receive" },
  { value: "department", label: "本部门待办", permission: "service:handle" },
  { value: "all", label: "全部", permission: "service:read" },
] as const;

/** 服务申请 workbench: the window's queue, the department's queue (green channel first, then by due date), or all. */
export default function RequestsPage() {
  const { can } = useAuth();
  const narrow = !Grid.useBreakpoint().md;
  const navigate = useNavigate();
  const views = VIEWS.filter((v) => can(v.permission));
  // A link may open the list filtered (the leaders' dashboard: ?view=all&open=true&regionCode=…).
  const [params] = useSearchParams();
  const [f, setF] = useState<RequestFilters>(() => {
    const view = views.find((v) => v.value === params.get("view"))?.value ?? views[0]?.value ?? "all";
    const pick = (k: string) => params.get(k) || undefined;
    const day = (k: string) =>
      /^\d{4}-\d{2}-\d{2}$/.test(params.get(k) ?? "") ? (params.get(k) ?? undefined) : undefined;
    return {
      page: 1,
      view,
      status: pick("status"),
      overdue: params.get("overdue") === "true" ? "true" : undefined,
      open: params.get("open") === "true" ? "true" : undefined,
      regionCode: pick("regionCode"),
      createdFrom: day("createdFrom"),
      createdTo: day("createdTo"),
    };
  });
  const regionName = useQuery({
    queryKey: ["region", f.regionCode],
    queryFn: () => api.get<Region>(`/api/regions/${f.regionCode}`),
    enabled: !!f.regionCode,
  });
  const linked = [
    f.open && "在办（未答复）",
    f.regionCode && `区划 ${regionName.data?.name ?? ""}`,
    (f.createdFrom || f.createdTo) && `提交日期 ${f.createdFrom ?? "…"} 至 ${f.createdTo ?? "…"}`,
  ].filter(Boolean);
  const [phone, setPhone] = useState("");
  const [entry, setEntry] = useState(false);
  const options = useServiceOptions();
  const list = useRequests(f);
  const set = (patch: Partial<RequestFilters>) => setF((o) => ({ ...o, page: 1, ...patch }));
  const items = list.data?.items ?? [];
  return (
    <Card
      title="服务申请"
      extra={
        <Space wrap>
          {can("service:receive") && (
            <Button type="primary" onClick={() => setEntry(true)}>
              受理登记
            </Button>
          )}
          {can("service:export") && (
            <Button
              onClick={() => download("/api/services/requests/export", { ...f, page: undefined }, "服务申请.xlsx")}
            >
              导出
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={f.view}
          onChange={(v) => set({ view: v as RequestFilters["view"] })}
          options={views.map(({ value, label }) => ({ value, label }))}
        />
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 120 }}
          value={f.status}
          onChange={(v) => set({ status: v })}
          options={Object.entries(REQUEST_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <Select
          allowClear
          placeholder="类别"
          style={{ width: 130 }}
          value={f.category}
          onChange={(v) => set({ category: v })}
          options={(options.data?.categories ?? []).map((c) => ({ value: c.code, label: c.label }))}
        />
        <Checkbox
          checked={f.overdue === "true"}
          onChange={(e) => set({ overdue: e.target.checked ? "true" : undefined })}
        >
          只看超期
        </Checkbox>
        {linked.length > 0 && (
          <Tag
            closable
            onClose={() =>
              set({ open: undefined, regionCode: undefined, createdFrom: undefined, createdTo: undefined })
            }
            data-testid="linked-filter"
          >
            {linked.join("，")}
          </Tag>
        )}
        <Input.Search
          allowClear
          placeholder="按手机号精确查找"
          inputMode="tel"
          style={{ width: 200 }}
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          onSearch={(v) => set({ phone: v.trim() || undefined })}
        />
      </Space>
      {list.error && <Typography.Text type="danger">{(list.error as Error).message}</Typography.Text>}
      {narrow ? (
        <List<RequestView>
          loading={list.isLoading}
          dataSource={items}
          pagination={{
            current: f.page,
            total: list.data?.total ?? 0,
            showTotal: (total) => `共 ${total} 条`,
            pageSize: 20,
            onChange: (page) => setF({ ...f, page }),
            size: "small",
          }}
          renderItem={(r) => (
            <List.Item onClick={() => navigate(`/services/requests/${r.id}`)} style={{ cursor: "pointer" }}>
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <GreenTag green={r.green} />
                    <span>{r.categoryLabel}</span>
                    <StatusTag r={r} />
                    <DueMark r={r} />
                  </Space>
                }
                description={`${r.nameMasked ?? "—"} · ${r.windowName}${r.deptOrgName ? ` → ${r.deptOrgName}` : ""}`}
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<RequestView>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={items}
          pagination={{
            current: f.page,
            total: list.data?.total ?? 0,
            showTotal: (total) => `共 ${total} 条`,
            pageSize: 20,
            onChange: (page) => setF({ ...f, page }),
          }}
          columns={[
            {
              title: "查询码",
              dataIndex: "trackingCode",
              render: (v: string, r) => <Link to={`/services/requests/${r.id}`}>{v}</Link>,
            },
            {
              title: "类别",
              dataIndex: "categoryLabel",
              render: (v: string, r) => (
                <Space size={4}>
                  <GreenTag green={r.green} />
                  {v}
                </Space>
              ),
            },
            { title: "状态", dataIndex: "status", render: (_: unknown, r) => <StatusTag r={r} /> },
            { title: "期限", dataIndex: "dueOn", render: (_: unknown, r) => <DueMark r={r} /> },
            { title: "服务对象", dataIndex: "nameMasked" },
            { title: "联系电话", dataIndex: "phoneMasked" },
            { title: "受理窗口", dataIndex: "windowName" },
            { title: "承办部门", dataIndex: "deptOrgName", render: (v: string | null) => v ?? "—" },
            { title: "渠道", dataIndex: "channelLabel" },
            { title: "受理时间", dataIndex: "createdAt", render: (v: string) => formatTime(v) },
          ]}
        />
      )}
      <RequestEntry open={entry} onClose={() => setEntry(false)} />
    </Card>
  );
}
