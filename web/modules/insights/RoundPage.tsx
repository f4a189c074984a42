import { DownloadOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from "antd";
import { useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import type { AssessmentDisputeView, ComputedValueView, RoundView, SubjectView } from "../../../contracts/assessment";
import { api, download } from "../../app/api";
import { formatTime } from "../../app/format";
import { ActivityEvidenceLinks } from "../activities/ActivityEvidence";
import { METRIC_LIST_PATH, percent, refreshRound, useDisputes, useRanking, useRound, useValues } from "./assessmentApi";
import { ReportedModal } from "./ReportedModal";

type RecordsView = {
  value: ComputedValueView;
  subjectName: string;
  items: { id: string; title: string; date: string; ok: boolean; status: string }[];
};
type HistoryItem = {
  kind: "snapshot" | "correction";
  numerator: number;
  denominator: number;
  score: number;
  note: string | null;
  actorName: string;
  at: string;
};

/** 考核详情: units, computed figures (each opens its records), disputes, panel scoring, ranking, 通报. */
export default function RoundPage() {
  const { id = "" } = useParams();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const round = useRound(id);
  const values = useValues(id);
  const disputes = useDisputes(id);
  const r = round.data;
  const ranking = useRanking(id, !!r && (r.status === "published" || r.manage || r.isPanel));
  const [recordsOf, setRecordsOf] = useState<ComputedValueView>();
  const [disputeOf, setDisputeOf] = useState<ComputedValueView>();
  const [resolve, setResolve] = useState<AssessmentDisputeView>();
  const [scoreOf, setScoreOf] = useState<SubjectView>();
  const [reportedOf, setReportedOf] = useState<{ subject: SubjectView; editable: boolean }>();
  const [busy, setBusy] = useState(false);

  const act = async (path: string, done: string) => {
    setBusy(true);
    try {
      await api.post(`/api/assessment-rounds/${id}/${path}`);
      await refreshRound(qc, id);
      message.success(done);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const bySubject = useMemo(() => {
    const m = new Map<string, ComputedValueView[]>();
    for (const v of values.data ?? []) m.set(v.subjectId, [...(m.get(v.subjectId) ?? []), v]);
    return m;
  }, [values.data]);

  if (!r) return <Card loading={round.isLoading}>{round.error ? (round.error as Error).message : null}</Card>;
  const computed = r.indicators.filter((i) => i.kind === "computed");
  const reported = r.indicators.filter((i) => i.kind === "reported");
  const own = new Set(r.ownSubjectIds);

  const subjectColumns = [
    { title: "考核对象", dataIndex: "name", fixed: "left" as const, width: 160 },
    ...computed.map((ind) => ({
      title: ind.title,
      key: ind.nodeCode,
      render: (_: unknown, s: SubjectView) => {
        const v = bySubject.get(s.id)?.find((x) => x.nodeCode === ind.nodeCode);
        if (!v) return "—";
        return (
          <Space size={4} wrap>
            <Button
              type="link"
              size="small"
              style={{ padding: 0 }}
              onClick={() => setRecordsOf(v)}
              data-testid="figure"
            >
              {v.numerator}/{v.denominator}（{percent(v)}）
            </Button>
            <Typography.Text type="secondary">{v.score}分</Typography.Text>
            {v.corrected && <Tag color="purple">已更正</Tag>}
            {v.openDisputes > 0 && <Tag color="orange">有异议</Tag>}
            {own.has(s.id) && r.status === "collecting" && (
              <Button size="small" onClick={() => setDisputeOf(v)}>
                提出异议
              </Button>
            )}
          </Space>
        );
      },
    })),
    {
      title: "计算得分",
      dataIndex: "computedScore",
      render: (v: number | null) => (v === null ? "—" : v),
    },
    {
      title: "填报",
      dataIndex: "reportedSubmittedAt",
      render: (v: string | null, s: SubjectView) => {
        const fills = own.has(s.id) && r.status === "collecting" && !v && reported.length > 0;
        return (
          <Space size={4} wrap>
            {v ? <Tag color="green">已提交</Tag> : <Tag>未提交</Tag>}
            {(fills || s.reported.length > 0) && (
              <Button
                size="small"
                type={fills ? "primary" : "default"}
                onClick={() => setReportedOf({ subject: s, editable: fills })}
                data-testid="reported-open"
              >
                {fills ? "填报指标" : "查看填报"}
              </Button>
            )}
          </Space>
        );
      },
    },
    { title: "评审份数", dataIndex: "panelSheets" },
    ...(r.isPanel && r.status === "scoring" && reported.length
      ? [
          {
            title: "评审打分",
            key: "score",
            render: (_: unknown, s: SubjectView) => (
              <Button size="small" onClick={() => setScoreOf(s)}>
                评分
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space direction="vertical" style={{ width: "100%" }} size="middle">
      <Card title={r.title} extra={<Tag color={r.status === "published" ? "green" : "blue"}>{r.statusLabel}</Tag>}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label="组织单位">{r.orgName}</Descriptions.Item>
          <Descriptions.Item label="年度">{r.year}</Descriptions.Item>
          <Descriptions.Item label="考核期">
            {r.windowFrom} 至 {r.windowTo}
          </Descriptions.Item>
          <Descriptions.Item label="指标体系">{r.setName}</Descriptions.Item>
          <Descriptions.Item label="评审人员">{r.panel.map((p) => p.name).join("、") || "—"}</Descriptions.Item>
          <Descriptions.Item label="数据快照">
            {r.snapshotAt ? `${formatTime(r.snapshotAt)}（校验码 ${r.snapshotHash?.slice(0, 12)}）` : "尚未生成"}
          </Descriptions.Item>
        </Descriptions>
        <Space wrap style={{ marginTop: 12 }}>
          {r.manage && r.status !== "published" && r.status !== "scoring" && (
            <Button loading={busy} onClick={() => act("snapshot", "已生成数据快照")}>
              {r.snapshotAt ? "重新生成数据快照" : "生成数据快照"}
            </Button>
          )}
          {r.manage && r.status === "collecting" && (
            <Button loading={busy} onClick={() => act("start-scoring", "已进入评审评分")}>
              结束核对，进入评分
            </Button>
          )}
          {r.manage && r.status === "scoring" && (
            <Button
              type="primary"
              loading={busy}
              onClick={() =>
                modal.confirm({
                  title: "发布考核结果和排名？",
                  content: "发布后各单位可见排名，结果不再变动。",
                  okText: "发布",
                  onOk: () => act("publish", "已发布考核结果"),
                })
              }
            >
              发布结果
            </Button>
          )}
          {r.status === "published" && (
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                download(`/api/assessment-rounds/${id}/bulletin`, undefined, "考核结果通报.docx").catch((e) =>
                  message.error((e as Error).message),
                )
              }
            >
              下载结果通报
            </Button>
          )}
        </Space>
      </Card>

      <Card title="考核对象与计算指标" size="small">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          点击指标数值查看计入的记录。
          {computed.map((c) => (
            <span key={c.nodeCode} style={{ display: "block" }}>
              {c.title}：{c.formula}
            </span>
          ))}
        </Typography.Paragraph>
        <Table<SubjectView>
          rowKey="id"
          size="small"
          dataSource={r.subjectList}
          columns={subjectColumns}
          pagination={false}
          scroll={{ x: "max-content" }}
          loading={values.isLoading}
        />
      </Card>

      <Card title="指标异议" size="small">
        <Table<AssessmentDisputeView>
          rowKey="id"
          size="small"
          dataSource={disputes.data ?? []}
          pagination={false}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: "暂无异议" }}
          columns={[
            { title: "单位", dataIndex: "subjectName" },
            { title: "指标", dataIndex: "title" },
            { title: "异议理由", dataIndex: "reason", width: 260 },
            { title: "提出人", dataIndex: "createdByName" },
            { title: "提出时间", dataIndex: "createdAt", render: formatTime },
            {
              title: "状态",
              dataIndex: "statusLabel",
              render: (v: string, d) => <Tag color={d.status === "open" ? "orange" : "green"}>{v}</Tag>,
            },
            { title: "处理意见", dataIndex: "response", render: (v: string | null) => v ?? "—" },
            {
              title: "操作",
              key: "op",
              render: (_: unknown, d) =>
                r.manage && d.status === "open" ? (
                  <Button size="small" type="primary" onClick={() => setResolve(d)}>
                    处理
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>

      {ranking.data && (
        <Card title={ranking.data.published ? "考核排名" : "考核排名（预览，未发布）"} size="small">
          <Table
            rowKey="subjectId"
            size="small"
            dataSource={ranking.data.items}
            pagination={false}
            scroll={{ x: "max-content" }}
            columns={[
              { title: "名次", dataIndex: "rank", width: 70 },
              { title: "考核对象", dataIndex: "name" },
              { title: "计算得分", dataIndex: "computedScore" },
              { title: "评审得分", dataIndex: "reportedScore" },
              { title: "总分", dataIndex: "finalScore" },
              {
                title: "结果",
                dataIndex: "passed",
                render: (p: boolean) => (p ? <Tag color="green">合格</Tag> : <Tag color="red">不合格</Tag>),
              },
            ]}
          />
        </Card>
      )}

      {recordsOf && <RecordsDrawer value={recordsOf} onClose={() => setRecordsOf(undefined)} />}
      {disputeOf && <DisputeModal roundId={id} value={disputeOf} onClose={() => setDisputeOf(undefined)} />}
      {resolve && <ResolveModal roundId={id} dispute={resolve} onClose={() => setResolve(undefined)} />}
      {scoreOf && <ScoreModal round={r} subject={scoreOf} onClose={() => setScoreOf(undefined)} />}
      {reportedOf && (
        <ReportedModal
          round={r}
          subject={reportedOf.subject}
          editable={reportedOf.editable}
          onClose={() => setReportedOf(undefined)}
        />
      )}
    </Space>
  );
}

function RecordsDrawer({ value, onClose }: { value: ComputedValueView; onClose: () => void }) {
  const records = useQuery({
    queryKey: ["assessment", "value", value.id, "records"],
    queryFn: () => api.get<RecordsView>(`/api/assessment-values/${value.id}/records`),
  });
  const history = useQuery({
    queryKey: ["assessment", "value", value.id, "versions"],
    queryFn: () => api.get<HistoryItem[]>(`/api/assessment-values/${value.id}/versions`),
  });
  return (
    <Drawer
      open
      title={`${records.data?.subjectName ?? ""} · ${value.title}`}
      onClose={onClose}
      width="min(720px, 100vw)"
    >
      <Typography.Paragraph>
        {value.metricLabel}：{value.numerator}/{value.denominator}（{percent(value)}），得分 {value.score}/
        {value.maxScore}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        计算方法：{value.formula}；数据期间 {value.windowFrom} 至 {value.windowTo}；快照于{" "}
        {formatTime(value.snapshotAt)}
      </Typography.Paragraph>
      <Link to={METRIC_LIST_PATH[value.metric]}>到业务模块查看全部记录</Link>
      <Table
        rowKey="id"
        size="small"
        style={{ marginTop: 12 }}
        loading={records.isLoading}
        dataSource={records.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: "没有计入的记录" }}
        columns={[
          { title: "记录", dataIndex: "title" },
          { title: "日期", dataIndex: "date", width: 110 },
          {
            title: "计入",
            dataIndex: "ok",
            render: (ok: boolean, x) => <Tag color={ok ? "green" : "red"}>{x.status}</Tag>,
          },
        ]}
      />
      <Typography.Title level={5}>取值记录</Typography.Title>
      <Timeline
        items={(history.data ?? []).map((h) => ({
          color: h.kind === "correction" ? "purple" : "blue",
          children: (
            <span data-testid="value-history">
              {formatTime(h.at)} {h.actorName} {h.kind === "correction" ? "更正为" : "快照"} {h.numerator}/
              {h.denominator}（{h.score}分）{h.note ? `：${h.note}` : ""}
            </span>
          ),
        }))}
      />
    </Drawer>
  );
}

function DisputeModal({ roundId, value, onClose }: { roundId: string; value: ComputedValueView; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const submit = async (v: { reason: string }) => {
    try {
      await api.post(`/api/assessment-rounds/${roundId}/disputes`, { valueId: value.id, reason: v.reason });
      await refreshRound(qc, roundId);
      message.success("已提出异议");
      onClose();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Modal open title={`对“${value.title}”提出异议`} onCancel={onClose} onOk={() => form.submit()} okText="提交">
      <Typography.Paragraph>
        当前数值：{value.numerator}/{value.denominator}（{percent(value)}）
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label="异议理由" rules={[{ required: true, message: "请填写异议理由" }]}>
          <Input.TextArea rows={4} maxLength={2000} placeholder="说明哪条记录有误及依据" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type ResolveValues = { decision: "corrected" | "rejected"; response: string; numerator?: number; denominator?: number };

function ResolveModal({
  roundId,
  dispute,
  onClose,
}: {
  roundId: string;
  dispute: AssessmentDisputeView;
  onClose: () => void;
}) {
  const [form] = Form.useForm<ResolveValues>();
  const decision = Form.useWatch("decision", form);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const submit = async (v: ResolveValues) => {
    try {
      await api.post(`/api/assessment-disputes/${dispute.id}/resolve`, v);
      await refreshRound(qc, roundId);
      message.success("已处理异议");
      onClose();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Modal
      open
      title={`处理异议：${dispute.subjectName} · ${dispute.title}`}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Typography.Paragraph>异议理由：{dispute.reason}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ decision: "corrected" }}>
        <Form.Item name="decision" label="处理结果">
          <Radio.Group
            options={[
              { value: "corrected", label: "更正数值" },
              { value: "rejected", label: "维持原值" },
            ]}
          />
        </Form.Item>
        {decision !== "rejected" && (
          <Space wrap>
            <Form.Item name="numerator" label="达标数" rules={[{ required: true, message: "请填写达标数" }]}>
              <InputNumber min={0} />
            </Form.Item>
            <Form.Item name="denominator" label="应计数" rules={[{ required: true, message: "请填写应计数" }]}>
              <InputNumber min={0} />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="response" label="处理意见" rules={[{ required: true, message: "请填写处理意见" }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ScoreModal({ round, subject, onClose }: { round: RoundView; subject: SubjectView; onClose: () => void }) {
  const reported = round.indicators.filter((i) => i.kind === "reported");
  const [form] = Form.useForm<Record<string, number | null>>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const current = useQuery({
    queryKey: ["assessment", round.id, "panel", subject.id],
    queryFn: () =>
      api.get<{ entries: { nodeCode?: string; score?: number | null }[] }>(
        `/api/assessment-subjects/${subject.id}/panel-score`,
      ),
  });
  const initial = Object.fromEntries(
    (current.data?.entries ?? []).map((e) => [String(e.nodeCode), (e.score as number | null) ?? null]),
  );
  const submit = async (v: Record<string, number | null>) => {
    try {
      await api.put(`/api/assessment-subjects/${subject.id}/panel-score`, {
        entries: reported.map((i) => ({ nodeCode: i.nodeCode, score: v[i.nodeCode] ?? null })),
      });
      await refreshRound(qc, round.id);
      message.success("已保存评分");
      onClose();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Modal open title={`评审打分：${subject.name}`} onCancel={onClose} onOk={() => form.submit()} okText="保存评分">
      {!current.isLoading && (
        <Form form={form} layout="vertical" onFinish={submit} initialValues={initial}>
          {reported.map((i) => {
            const entry = subject.reported.find((e) => e.nodeCode === i.nodeCode);
            return (
              <Form.Item
                key={i.nodeCode}
                name={i.nodeCode}
                label={`${i.title}（满分 ${i.maxScore}）`}
                extra={
                  entry ? (
                    <>
                      单位填报：{entry.text}
                      {entry.activities.length > 0 && (
                        <div>
                          佐证活动：
                          <ActivityEvidenceLinks
                            base={`/api/assessment-subjects/${subject.id}`}
                            activities={entry.activities}
                          />
                        </div>
                      )}
                    </>
                  ) : (
                    "单位未填报"
                  )
                }
                rules={[{ required: true, message: `请为“${i.title}”打分` }]}
              >
                <InputNumber min={0} max={i.maxScore} step={0.5} />
              </Form.Item>
            );
          })}
        </Form>
      )}
    </Modal>
  );
}
