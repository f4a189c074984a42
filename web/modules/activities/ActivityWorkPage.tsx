import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Progress,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import type { ActivityPlanView, ActivitySummary, PairView } from "../../../contracts/activities";
import { api, type Page } from "../../app/api";
import { useAuth } from "../../app/auth";
import { t } from "../../app/i18n";
import { useActivityDicts } from "./activityApi";

const w = (k: string) => t(`activities.work.${k}`);

type PlanForm = {
  title: string;
  year: number;
  lines: { typeCode: string; month: number | null; targetCount: number }[];
};

/** 修改年度活动计划: title, year and lines (type, month, target); the owning unit stays. */
function PlanEditor({ plan, onClose }: { plan: ActivityPlanView; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const dicts = useActivityDicts();
  const [form] = Form.useForm<PlanForm>();
  const [saving, setSaving] = useState(false);
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await api.patch(`/api/activity-plans/${plan.id}`, {
        title: v.title,
        year: v.year,
        covers: plan.covers,
        lines: v.lines.map((l) => ({ typeCode: l.typeCode, month: l.month ?? null, targetCount: l.targetCount })),
      });
      message.success(w("saved"));
      await qc.invalidateQueries({ queryKey: ["activities.plans"] });
      onClose();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={w("editPlan")} onCancel={onClose} onOk={save} confirmLoading={saving} okText={w("save")}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          title: plan.title,
          year: plan.year,
          lines: plan.lines.map((l) => ({ typeCode: l.typeCode, month: l.month, targetCount: l.targetCount })),
        }}
      >
        <Form.Item name="title" label={w("planTitle")} rules={[{ required: true, message: w("planTitleRequired") }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="year" label={t("activities.stats.year")} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: "100%" }}>
              {fields.map((f) => (
                <Space key={f.key} wrap align="start">
                  <Form.Item
                    name={[f.name, "typeCode"]}
                    rules={[{ required: true, message: w("typeRequired") }]}
                    style={{ marginBottom: 0 }}
                  >
                    <Select
                      style={{ width: 160 }}
                      placeholder={t("activities.columns.type")}
                      options={(dicts.data?.types ?? []).map((d) => ({ value: d.code, label: d.label }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, "month"]} style={{ marginBottom: 0 }}>
                    <InputNumber min={1} max={12} placeholder={w("wholeYear")} suffix="月" />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, "targetCount"]}
                    rules={[{ required: true, message: w("targetRequired") }]}
                    style={{ marginBottom: 0 }}
                  >
                    <InputNumber min={1} max={100000} placeholder={w("target")} />
                  </Form.Item>
                  {fields.length > 1 && <Button onClick={() => remove(f.name)}>{w("removeLine")}</Button>}
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ month: null, targetCount: 1 })}>
                {w("addLine")}
              </Button>
            </Space>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function Plans({ year }: { year: number }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { can } = useAuth();
  const [editing, setEditing] = useState<ActivityPlanView | null>(null);
  const q = useQuery({
    queryKey: ["activities.plans", year],
    queryFn: () => api.get<Page<ActivityPlanView>>("/api/activity-plans", { year, pageSize: 50 }),
  });
  const remove = async (p: ActivityPlanView) => {
    try {
      await api.delete(`/api/activity-plans/${p.id}`);
      message.success(w("deleted"));
      await qc.invalidateQueries({ queryKey: ["activities.plans"] });
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const manage = can("activity:manage");
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      {editing && <PlanEditor plan={editing} onClose={() => setEditing(null)} />}
      {(q.data?.items ?? []).map((p) => (
        <Card
          key={p.id}
          size="small"
          title={`${p.title}（${p.orgName}）`}
          extra={
            manage && (
              <Space>
                <Button size="small" onClick={() => setEditing(p)}>
                  {w("edit")}
                </Button>
                <Popconfirm
                  title={w("deletePlanConfirm")}
                  description={w("deletePlanNote")}
                  okText={w("delete")}
                  cancelText={w("cancel")}
                  onConfirm={() => remove(p)}
                >
                  <Button size="small" danger>
                    {w("delete")}
                  </Button>
                </Popconfirm>
              </Space>
            )
          }
        >
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
      {/* A list, not a two-column table: on a phone the table (a 200 px choice beside each item) pushed the whole
          page sideways. Each item, then the record that completes it, full width. */}
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        {q.data.items.map((i) => (
          <div key={i.code} data-testid="seven-item">
            <Typography.Text>
              {i.activityId ? <Tag color="green">{w("doneTag")}</Tag> : <Tag>{w("notLinked")}</Tag>}
              {i.label}
            </Typography.Text>
            <Select
              style={{ width: "100%", marginTop: 4 }}
              placeholder={w("pickActivity")}
              value={i.activityId ?? undefined}
              options={[
                ...(i.activityId && !usable.some((a) => a.id === i.activityId)
                  ? [{ value: i.activityId, label: i.activityTitle ?? "" }]
                  : []),
                ...usable.map((a) => ({ value: a.id, label: `${a.startDate} ${a.title}` })),
              ]}
              onChange={(v) => link(i.code, v)}
              aria-label={i.label}
              data-testid={`seven-${i.code}`}
            />
          </div>
        ))}
      </Space>
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

type PairForm = { startDate: Dayjs; goals?: string | null; endDate?: Dayjs | null };

/** 修改结对: start date and goals; an end date ends the pair (no longer overdue), clearing it reopens it. */
function PairEditor({ pair, onClose }: { pair: PairView; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<PairForm>();
  const [saving, setSaving] = useState(false);
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await api.patch(`/api/activity-pairs/${pair.id}`, {
        startDate: v.startDate.format("YYYY-MM-DD"),
        goals: v.goals?.trim() ? v.goals : null,
        endDate: v.endDate ? v.endDate.format("YYYY-MM-DD") : null,
      });
      message.success(w("saved"));
      await qc.invalidateQueries({ queryKey: ["activities.pairs"] });
      onClose();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={`${w("editPair")}：${pair.a.label} — ${pair.b.label}`}
      onCancel={onClose}
      onOk={save}
      confirmLoading={saving}
      okText={w("save")}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          startDate: dayjs(pair.startDate),
          goals: pair.goals,
          endDate: pair.endDate ? dayjs(pair.endDate) : null,
        }}
      >
        <Form.Item name="startDate" label={w("startDate")} rules={[{ required: true, message: w("startRequired") }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="goals" label={w("goals")}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="endDate" label={w("endDate")} extra={w("endDateNote")}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Pairs() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { can } = useAuth();
  const manage = can("activity:manage");
  const [editing, setEditing] = useState<PairView | null>(null);
  const remove = async (p: PairView) => {
    try {
      await api.delete(`/api/activity-pairs/${p.id}`);
      message.success(w("deleted"));
      await qc.invalidateQueries({ queryKey: ["activities.pairs"] });
    } catch (e) {
      message.error((e as Error).message);
    }
  };
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
              p.endDate ? (
                <Tag>{`${w("ended")} ${p.endDate}`}</Tag>
              ) : p.overdue ? (
                <Tag color="red">{w("overdue")}</Tag>
              ) : (
                <Tag color="green">{w("normal")}</Tag>
              ),
          },
          ...(manage
            ? [
                {
                  title: w("actions"),
                  render: (_: unknown, p: PairView) => (
                    <Space>
                      <Button size="small" onClick={() => setEditing(p)}>
                        {w("edit")}
                      </Button>
                      <Popconfirm
                        title={w("deletePairConfirm")}
                        description={p.visitCount > 0 ? w("deletePairHasVisits") : w("deletePairNote")}
                        okText={w("delete")}
                        cancelText={w("cancel")}
                        okButtonProps={{ disabled: p.visitCount > 0 }}
                        onConfirm={() => remove(p)}
                      >
                        <Button size="small" danger>
                          {w("delete")}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <PairEditor pair={editing} onClose={() => setEditing(null)} />}
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
        defaultActiveKey={new URLSearchParams(window.location.search).get("tab") ?? "plans"}
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
