import {
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { CASE_STATUS_LABELS, type CaseView, RESULT_LABELS, RISK_LABELS } from "../../../contracts/disputes";
import { useAuth } from "../../app/auth";
import { OrgPicker } from "../../app/components/OrgPicker";
import { ActionModal } from "./ActionModal";
import { useCase } from "./disputesApi";

const req = (message: string) => [{ required: true, message }];
const when = (iso: string) => new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" });
const EVENT_LABELS: Record<string, string> = {
  register: "登记",
  mediate: "调解",
  conclude: "办结",
  follow_up: "回访",
  transfer: "转办",
  escalate: "上报上一级",
  mark_ethnic: "认定涉及民族因素",
  unmark_ethnic: "撤销涉及民族因素",
};

/** What the caller may do with the case, as buttons opening small forms. */
function CaseActions({ c }: { c: CaseView }) {
  const { me } = useAuth();
  const perms = new Set(me?.permissions ?? []);
  const base = `/api/disputes/cases/${c.id}`;
  const open = c.status === "registered" || c.status === "mediating";
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      {perms.has("disputes:handle") && open && (
        <ActionModal
          label="记录调解"
          title="记录调解"
          url={`${base}/mediations`}
          done="已记录调解"
          primary
          testId="case-mediate"
          initialValues={{ heldOn: dayjs() }}
        >
          <Form.Item name="heldOn" label="调解日期" rules={req("请选择日期")}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="mediator" label="调解人" rules={req("请填写调解人")}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="method" label="调解方式" rules={req("请填写调解方式")}>
            <Input maxLength={60} placeholder="如：人民调解、联合调解" />
          </Form.Item>
          <Form.Item name="outcome" label="调解情况" rules={req("请填写调解情况")}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </ActionModal>
      )}
      {perms.has("disputes:handle") && open && (
        <ActionModal
          label="办结"
          title="办结"
          url={`${base}/conclude`}
          done="已办结"
          testId="case-conclude"
          initialValues={{ result: "resolved" }}
        >
          <Form.Item name="result" label="结果" rules={req("请选择结果")}>
            <Select options={Object.entries(RESULT_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="transferredTo" label="转办去向（结果为转办时填写）">
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="note" label="办结说明" rules={req("请填写办结说明")}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </ActionModal>
      )}
      {perms.has("disputes:handle") && c.status === "concluded" && (
        <ActionModal
          label="回访"
          title="回访"
          url={`${base}/followups`}
          done="已记录回访"
          testId="case-followup"
          initialValues={{ visitedOn: dayjs(), stable: true, close: true }}
        >
          <Form.Item name="visitedOn" label="回访日期" rules={req("请选择日期")}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="visitor" label="回访人" rules={req("请填写回访人")}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="note" label="回访情况" rules={req("请填写回访情况")}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
          <Form.Item name="stable" valuePropName="checked">
            <Checkbox>当事人关系稳定</Checkbox>
          </Form.Item>
          <Form.Item name="close" valuePropName="checked">
            <Checkbox>回访后销案</Checkbox>
          </Form.Item>
        </ActionModal>
      )}
      {perms.has("disputes:handle") && c.status !== "closed" && (
        <ActionModal
          label="上报上一级"
          title="上报上一级"
          url={`${base}/escalate`}
          done="已上报"
          danger
          testId="case-escalate"
        >
          <Form.Item name="reason" label="上报理由" rules={req("请填写上报理由")}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </ActionModal>
      )}
      {perms.has("disputes:handle") && open && (
        <ActionModal label="转办" title="转办给上级或同级单位" url={`${base}/transfer`} done="已转办">
          <Form.Item name="orgId" label="转办单位" rules={req("请选择单位")}>
            <OrgPicker />
          </Form.Item>
          <Form.Item name="reason" label="转办理由" rules={req("请填写转办理由")}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </ActionModal>
      )}
      {perms.has("disputes:review") && (
        <ActionModal
          label={c.ethnicFactor ? "撤销“涉及民族因素”" : "认定“涉及民族因素”"}
          title={c.ethnicFactor ? "撤销“涉及民族因素”标记" : "认定“涉及民族因素”"}
          url={`${base}/ethnic-factor`}
          done="已保存认定"
          body={(v) => ({ mark: !c.ethnicFactor, reason: v.reason })}
        >
          <Typography.Paragraph type="secondary">
            注意防止把一般民事纠纷和刑事案件归结为民族问题。认定须写明事实依据，可复核、可撤销。
          </Typography.Paragraph>
          <Form.Item name="reason" label="理由" rules={req("请写明理由")}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </ActionModal>
      )}
    </Space>
  );
}

/** One case: facts, parties (masked), mediations, follow-ups, its history, and the actions the caller may take. */
export function CaseDetail({ id, onClose }: { id: string | null; onClose: () => void }) {
  const q = useCase(id);
  const c = q.data;
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      title={c ? `矛盾纠纷 ${c.code}` : "矛盾纠纷"}
      size={720}
      loading={q.isLoading}
    >
      {c && (
        <>
          <CaseActions c={c} />
          <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
            <Descriptions.Item label="状态">
              {CASE_STATUS_LABELS[c.status]}
              {c.result ? `（${RESULT_LABELS[c.result]}）` : ""}
            </Descriptions.Item>
            <Descriptions.Item label="风险等级">
              <Tag color={c.riskLevel === "major" ? "red" : c.riskLevel === "serious" ? "orange" : "default"}>
                {RISK_LABELS[c.riskLevel]}
              </Tag>
              {c.ethnicFactor && <Tag color="purple">涉及民族因素</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="类别">{c.categoryLabel}</Descriptions.Item>
            <Descriptions.Item label="来源">{c.sourceLabel}</Descriptions.Item>
            <Descriptions.Item label="地点">{c.regionName}</Descriptions.Item>
            <Descriptions.Item label="发生日期">{c.occurredOn}</Descriptions.Item>
            <Descriptions.Item label="当事人数">{c.partyCount}</Descriptions.Item>
            <Descriptions.Item label="责任单位">{c.orgName}</Descriptions.Item>
            <Descriptions.Item label="化解时限">
              {new Date(c.resolveBy).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" })}
            </Descriptions.Item>
            <Descriptions.Item label="登记单位">{c.recordedByOrgName}</Descriptions.Item>
            <Descriptions.Item label="事实摘要" span={2}>
              {c.summary}
            </Descriptions.Item>
            {c.resultNote && (
              <Descriptions.Item label="办结说明" span={2}>
                {c.resultNote}
                {c.transferredTo ? `（转办：${c.transferredTo}）` : ""}
              </Descriptions.Item>
            )}
            {c.ethnicReason && (
              <Descriptions.Item label="认定理由" span={2}>
                {c.ethnicReason}
              </Descriptions.Item>
            )}
            <Descriptions.Item label="当事人" span={2}>
              {c.parties.map((p) => `${p.name}${p.phone ? ` ${p.phone}` : ""}`).join("；") || "—"}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            调解与回访
          </Typography.Title>
          <Timeline
            items={[
              ...c.mediations.map((m) => ({
                key: m.id,
                content: `${m.heldOn} 调解（${m.method}，${m.mediator}）：${m.outcome}`,
              })),
              ...c.followups.map((f) => ({
                key: f.id,
                color: "green",
                content: `${f.visitedOn} 回访（${f.visitor}）：${f.note}${f.stable ? "，关系稳定" : ""}`,
              })),
            ]}
          />
          <Typography.Title level={5}>流转记录</Typography.Title>
          <Timeline
            items={c.events.map((e) => ({
              key: e.id,
              color: "gray",
              content: `${when(e.at)} ${EVENT_LABELS[e.kind] ?? "处理"}${e.actorName ? `（${e.actorName}）` : ""}${e.note ? `：${e.note}` : ""}`,
            }))}
          />
        </>
      )}
    </Drawer>
  );
}
