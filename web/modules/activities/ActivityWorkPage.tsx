import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Card, InputNumber, Progress, Select, Space, Switch, Table, Tabs, Tag } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import type { ActivityPlanView, ActivitySummary, PairView } from "../../../contracts/activities";
import { api, type Page } from "../../app/api";
import { useAuth } from "../../app/auth";
import { t } from "../../app/i18n";

const w = (k: string) => t(`activities.work.${k}`);

function Plans({ year }: { year: number }) {
  const q = useQuery({
    queryKey: ["activities.plans", year],
    queryFn: () => api.get<Page<ActivityPlanView>>("/api/activity-plans", { year, pageSize: 50 }),
  });
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      {(q.data?.items ?? []).map((p) => (
        <Card key={p.id} size="small" title={`${p.title}（${p.orgName}）`}>
          <Progress percent={p.targetTotal ? Math.round((100 * p.doneTotal) / p.targetTotal) : 0} />
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={p.lines}
            columns={[
              { title: t("activities.columns.type"), dataIndex: "typeLabel" },
              { title: w("month"), render: (_, l) => (l.month ? `${l.month}月` : w("wholeYear")) },
              { title: w("target"), dataIndex: "targetCount" },
              { title: w("done"), dataIndex: "doneCount" },
            ]}
          />
        </Card>
      ))}
    </Space>
  );
}

type SchoolItems = {
  schoolName: string;
  items: { code: string; label: string; activityId: string | null; activityTitle: string | null }[];
  done: number;
  total: number;
};

/** The caller's school: each item and the record that completes it; a school links a record to an item. */
function MySchool({ year }: { year: number }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({
    queryKey: ["activities.seven", year],
    queryFn: () => api.get<SchoolItems>("/api/activity-seven", { year }),
    retry: false,
  });
  const acts = useQuery({
    queryKey: ["activities.seven.options", year],
    queryFn: () =>
      api.get<Page<ActivitySummary>>("/api/activities", { from: `${year}-01-01`, to: `${year}-12-31`, pageSize: 200 }),
    enabled: !!q.data,
  });
  if (!q.data) return null;
  const link = async (itemCode: string, activityId: string) => {
    try {
      await api.post("/api/activity-seven", { year, itemCode, activityId });
      await qc.invalidateQueries({ queryKey: ["activities.seven", year] });
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const usable = (acts.data?.items ?? []).filter((a) => a.status === "submitted" || a.status === "confirmed");
  return (
    <Card size="small" title={`${w("mySchool")}：${q.data.schoolName}（${q.data.done}/${q.data.total}）`}>
      <Table
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={q.data.items}
        columns={[
          { title: w("seven"), dataIndex: "label" },
          {
            title: w("link"),
            render: (_, i) => (
              <Select
                style={{ width: "100%", minWidth: 200 }}
                placeholder={w("pickActivity")}
                value={i.activityId ?? undefined}
                options={[
                  ...(i.activityId && !usable.some((a) => a.id === i.activityId)
                    ? [{ value: i.activityId, label: i.activityTitle ?? "" }]
                    : []),
                  ...usable.map((a) => ({ value: a.id, label: `${a.startDate} ${a.title}` })),
                ]}
                onChange={(v) => link(i.code, v)}
                data-testid={`seven-${i.code}`}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}

function SevenCompletion({ year }: { year: number }) {
  const q = useQuery({
    queryKey: ["activities.seven.completion", year],
    queryFn: () =>
      api.get<{
        itemTotal: number;
        byRegion: { regionCode: string; regionName: string; schools: number; complete: number; links: number }[];
      }>("/api/activity-seven/completion", { year }),
    retry: false,
  });
  if (!q.data) return null;
  return (
    <Table
      size="small"
      rowKey="regionCode"
      pagination={false}
      dataSource={q.data.byRegion}
      columns={[
        { title: t("activities.columns.region"), dataIndex: "regionName" },
        { title: w("schools"), dataIndex: "schools" },
        { title: w("complete"), dataIndex: "complete" },
        { title: w("links"), render: (_, r) => `${r.links}/${r.schools * q.data.itemTotal}` },
      ]}
    />
  );
}

function Pairs() {
  const [overdue, setOverdue] = useState(false);
  const q = useQuery({
    queryKey: ["activities.pairs", overdue],
    queryFn: () => api.get<Page<PairView>>("/api/activity-pairs", { overdue: overdue || undefined, pageSize: 100 }),
  });
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Space>
        {w("onlyOverdue")}
        <Switch checked={overdue} onChange={setOverdue} />
      </Space>
      <Table
        size="small"
        rowKey="id"
        scroll={{ x: true }}
        dataSource={q.data?.items ?? []}
        loading={q.isLoading}
        columns={[
          { title: w("sideA"), render: (_, p) => p.a.label },
          { title: w("sideB"), render: (_, p) => p.b.label },
          { title: w("startDate"), dataIndex: "startDate" },
          { title: w("visits"), dataIndex: "visitCount" },
          { title: w("lastVisit"), render: (_, p) => p.lastVisit ?? "—" },
          {
            title: t("activities.columns.status"),
            render: (_, p) =>
              p.overdue ? <Tag color="red">{w("overdue")}</Tag> : <Tag color="green">{w("normal")}</Tag>,
          },
        ]}
      />
    </Space>
  );
}

/** 计划·七个一·结对: annual plans with completion, schools' 七个一, pairs and their overdue visits. */
export default function ActivityWorkPage() {
  const { me } = useAuth();
  const [year, setYear] = useState(dayjs().year());
  const region = !!me && ["region", "region_tree", "all"].includes(me.scopes["activity:read"] ?? "");
  return (
    <Card
      size="small"
      extra={
        <Space>
          {t("activities.stats.year")}
          <InputNumber value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} />
        </Space>
      }
    >
      <Tabs
        items={[
          { key: "plans", label: w("plans"), children: <Plans year={year} /> },
          {
            key: "seven",
            label: w("seven"),
            children: (
              <Space orientation="vertical" style={{ width: "100%" }}>
                <MySchool year={year} />
                {region && <SevenCompletion year={year} />}
              </Space>
            ),
          },
          { key: "pairs", label: w("pairs"), children: <Pairs /> },
        ]}
      />
    </Card>
  );
}
