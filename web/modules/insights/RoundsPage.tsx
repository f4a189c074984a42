import { PlusOutlined } from "@ant-design/icons";
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
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import {
  ASSESSMENT_METRIC_LABELS,
  ASSESSMENT_METRICS,
  type RoundSummary,
  type RoundView,
} from "../../../contracts/assessment";
import type { IndicatorNodeView, IndicatorSetSummary, IndicatorSetView } from "../../../contracts/evaluation";
import { api, type Page } from "../../app/api";
import { useAuth } from "../../app/auth";
import { formatTime } from "../../app/format";
import { UnitsSelect } from "../plans/shared/UnitsSelect";
import { assessmentKeys, useRounds } from "./assessmentApi";

const STATUS_COLORS: Record<string, string> = {
  draft: "default",
  collecting: "blue",
  scoring: "orange",
  published: "green",
};

function leaves(nodes: IndicatorNodeView[]): IndicatorNodeView[] {
  return nodes.flatMap((n) => (n.children.length ? leaves(n.children) : [n]));
}

/** 考核轮次: the rounds the user organizes, is assessed in or scores; a 旗/市 creates one here. */
export default function RoundsPage() {
  const { can } = useAuth();
  const rounds = useRounds();
  const [open, setOpen] = useState(false);
  const columns = [
    {
      title: "考核名称",
      dataIndex: "title",
      render: (title: string, r: RoundSummary) => (
        <Link to={`/assessment/${r.id}`} data-testid="round-title">
          {title}
        </Link>
      ),
    },
    { title: "年度", dataIndex: "year", width: 80 },
    { title: "组织单位", dataIndex: "orgName" },
    { title: "考核对象数", dataIndex: "subjects", align: "right" as const, width: 110 },
    {
      title: "状态",
      dataIndex: "status",
      width: 110,
      render: (s: string, r: RoundSummary) => <Tag color={STATUS_COLORS[s]}>{r.statusLabel}</Tag>,
    },
    { title: "数据快照时间", dataIndex: "snapshotAt", render: (v: string | null) => (v ? formatTime(v) : "—") },
    { title: "发布时间", dataIndex: "publishedAt", render: (v: string | null) => (v ? formatTime(v) : "—") },
  ];
  return (
    <Card
      title="考核轮次"
      extra={
        can("assessment:manage") && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            建立考核
          </Button>
        )
      }
    >
      <Table<RoundSummary>
        rowKey="id"
        size="middle"
        loading={rounds.isLoading}
        dataSource={rounds.data?.items ?? []}
        columns={columns}
        scroll={{ x: "max-content" }}
        pagination={false}
        locale={{ emptyText: "暂无考核轮次" }}
      />
      {open && <RoundForm onClose={() => setOpen(false)} />}
    </Card>
  );
}

type FormValues = {
  title: string;
  year: number;
  window: [Dayjs, Dayjs];
  setId: string;
  orgIds: string[];
  panelUserIds: string[];
  kinds: Record<string, string>;
  targets: Record<string, number | undefined>;
};

function RoundForm({ onClose }: { onClose: () => void }) {
  const { me } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const setId = Form.useWatch("setId", form);
  const [saving, setSaving] = useState(false);
  const sets = useQuery({
    queryKey: ["assessment.sets"],
    queryFn: () => api.get<Page<IndicatorSetSummary>>("/api/indicator-sets", { status: "published", pageSize: 200 }),
  });
  const set = useQuery({
    queryKey: ["assessment.set", setId],
    queryFn: () => api.get<IndicatorSetView>(`/api/indicator-sets/${setId}`),
    enabled: !!setId,
  });
  const users = useQuery({
    queryKey: ["assessment.panelUsers"],
    queryFn: () => api.get<Page<{ id: string; displayName?: string; name?: string }>>("/api/users", { pageSize: 100 }),
  });
  const leafList = set.data ? leaves(set.data.nodes) : [];
  const submit = async (v: FormValues) => {
    setSaving(true);
    try {
      const round = await api.post<RoundView>("/api/assessment-rounds", {
        title: v.title,
        year: v.year,
        setId: v.setId,
        windowFrom: v.window[0].format("YYYY-MM-DD"),
        windowTo: v.window[1].format("YYYY-MM-DD"),
        orgIds: v.orgIds ?? [],
        panelUserIds: v.panelUserIds ?? [],
        indicators: leafList.map((l) => {
          const kind = v.kinds?.[l.code] ?? "reported";
          return kind === "reported"
            ? { nodeCode: l.code, kind: "reported" }
            : { nodeCode: l.code, kind: "computed", metric: kind, target: v.targets?.[l.code] ?? undefined };
        }),
      });
      await qc.invalidateQueries({ queryKey: assessmentKeys.list });
      message.success("已建立考核");
      navigate(`/assessment/${round.id}`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title="建立考核"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      width={720}
      okText="建立"
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ year: new Date().getFullYear() }}
      >
        <Form.Item name="title" label="考核名称" rules={[{ required: true, message: "请填写考核名称" }]}>
          <Input maxLength={120} placeholder="如：2026年度民族团结进步创建工作考核" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: "请填写年度" }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="window" label="考核期" rules={[{ required: true, message: "请选择考核期" }]}>
            <DatePicker.RangePicker />
          </Form.Item>
        </Space>
        <Form.Item name="setId" label="指标体系" rules={[{ required: true, message: "请选择指标体系" }]}>
          <Select
            loading={sets.isLoading}
            options={(sets.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
            placeholder="选择已发布的指标体系"
          />
        </Form.Item>
        <Form.Item name="orgIds" label="考核的成员单位" rules={[{ required: true, message: "请选择考核对象" }]}>
          <UnitsSelect regionCode={me?.user.regionCode ?? ""} />
        </Form.Item>
        <Form.Item name="panelUserIds" label="评审人员">
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName ?? u.name ?? "" }))}
          />
        </Form.Item>
        {leafList.length > 0 && (
          <>
            <Typography.Text strong>末级指标的取值方式</Typography.Text>
            {leafList.map((l) => (
              <Space key={l.code} wrap style={{ display: "flex", marginTop: 8 }}>
                <Typography.Text style={{ minWidth: 200, display: "inline-block" }}>
                  {l.title}（{l.maxScore ?? 0}分）
                </Typography.Text>
                <Form.Item name={["kinds", l.code]} initialValue="reported" noStyle>
                  <Select
                    style={{ width: 240 }}
                    options={[
                      { value: "reported", label: "单位填报、评审打分" },
                      ...ASSESSMENT_METRICS.map((m) => ({
                        value: m,
                        label: `自动计算：${ASSESSMENT_METRIC_LABELS[m]}`,
                      })),
                    ]}
                  />
                </Form.Item>
                <Form.Item name={["targets", l.code]} noStyle>
                  <InputNumber min={1} placeholder="目标数" />
                </Form.Item>
              </Space>
            ))}
          </>
        )}
      </Form>
    </Modal>
  );
}
