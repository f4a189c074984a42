import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, DatePicker, Form, Input, InputNumber, List, Segmented, Space, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { type EmergencyPlanView, RECTIFICATION_STATE_LABELS } from "../../../contracts/disputes";
import { useAuth } from "../../app/auth";
import { OrgPicker } from "../../app/components/OrgPicker";
import { RegionPicker } from "../../app/components/RegionPicker";
import { ActionModal, toBody } from "./ActionModal";
import { usePlans } from "./disputesApi";

const req = (message: string) => [{ required: true, message }];
type Drill = EmergencyPlanView["drills"][number];

function NewPlan() {
  return (
    <ActionModal label="登记应急预案" title="登记应急预案" url="/api/disputes/plans" done="已登记应急预案" primary>
      <Form.Item name="name" label="预案名称" rules={req("请填写预案名称")}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="level" label="预案级别" rules={req("请填写预案级别")}>
        <Input maxLength={20} placeholder="如：旗级、镇级" />
      </Form.Item>
      <Form.Item name="scope" label="适用范围" rules={req("请填写适用范围")}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="version" label="版本" rules={req("请填写版本")}>
        <Input maxLength={20} placeholder="如：2026版" />
      </Form.Item>
      <Form.Item name="regionCode" label="所属区划" rules={req("请选择区划")}>
        <RegionPicker />
      </Form.Item>
      <Form.Item name="reviewDue" label="下次评审日期" rules={req("请选择日期")}>
        <DatePicker style={{ width: "100%" }} />
      </Form.Item>
    </ActionModal>
  );
}

/** A drill with its issues, each becoming a rectification item with an owner unit and a deadline. */
function NewDrill({ plan }: { plan: EmergencyPlanView }) {
  return (
    <ActionModal
      label="记录演练"
      title={`记录演练：${plan.name}`}
      url={`/api/disputes/plans/${plan.id}/drills`}
      done="已记录演练"
      initialValues={{ heldOn: dayjs(), participants: 20, issues: [] }}
      body={(v) => ({
        ...toBody(v),
        issues: ((v.issues as Record<string, unknown>[] | undefined) ?? []).map((i) => toBody(i)),
      })}
    >
      <Form.Item name="heldOn" label="演练日期" rules={req("请选择日期")}>
        <DatePicker style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item name="scenario" label="演练情景" rules={req("请填写演练情景")}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Form.Item name="participants" label="参演人数" rules={req("请填写人数")}>
        <InputNumber min={1} style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item name="evaluation" label="演练评估" rules={req("请填写评估")}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
      <Form.List name="issues">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Card
                key={f.key}
                size="small"
                style={{ marginBottom: 8 }}
                extra={<MinusCircleOutlined onClick={() => remove(f.name)} />}
                title="发现问题"
              >
                <Form.Item name={[f.name, "issue"]} label="问题" rules={req("请填写问题")}>
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item name={[f.name, "ownerOrgId"]} label="整改单位" rules={req("请选择整改单位")}>
                  <OrgPicker />
                </Form.Item>
                <Form.Item name={[f.name, "dueOn"]} label="整改期限" rules={req("请选择期限")}>
                  <DatePicker style={{ width: "100%" }} />
                </Form.Item>
              </Card>
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add()}>
              添加发现的问题
            </Button>
          </>
        )}
      </Form.List>
    </ActionModal>
  );
}

function DrillBlock({ d }: { d: Drill }) {
  return (
    <Card size="small" style={{ marginTop: 8 }} title={`${d.heldOn} 演练（${d.participants} 人参演）`}>
      <div>情景：{d.scenario}</div>
      <div>评估：{d.evaluation}</div>
      {d.rectifications.map((r) => (
        <Space key={r.id} wrap style={{ marginTop: 8, display: "flex" }}>
          <Tag color={r.state === "done" ? "green" : r.state === "overdue" ? "red" : "orange"}>
            {RECTIFICATION_STATE_LABELS[r.state]}
          </Tag>
          <span>
            {r.issue}（{r.ownerOrgName}，期限 {r.dueOn}）{r.doneNote ? `：${r.doneNote}` : ""}
          </span>
          {!r.doneAt && (
            <ActionModal
              label="整改完成"
              title="整改完成"
              url={`/api/disputes/rectifications/${r.id}/done`}
              done="已记录整改完成"
            >
              <Form.Item name="note" label="整改情况" rules={req("请填写整改情况")}>
                <Input.TextArea rows={3} maxLength={500} />
              </Form.Item>
            </ActionModal>
          )}
        </Space>
      ))}
    </Card>
  );
}

/** 应急预案: the registry with review dates (due ones first when filtered), drills and their rectification items. */
export default function PlansPage() {
  const [page, setPage] = useState(1);
  const [due, setDue] = useState(false);
  const { me } = useAuth();
  const manage = me?.permissions.includes("disputes:manage");
  const plans = usePlans({ page, dueForReview: due || undefined });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {manage && <NewPlan />}
        <Segmented
          value={due ? "due" : "all"}
          onChange={(v) => {
            setDue(v === "due");
            setPage(1);
          }}
          options={[
            { value: "all", label: "全部预案" },
            { value: "due", label: "待评审" },
          ]}
        />
      </Space>
      <List
        loading={plans.isLoading}
        dataSource={plans.data?.items ?? []}
        locale={{ emptyText: "暂无应急预案" }}
        pagination={{ current: page, total: plans.data?.total ?? 0, pageSize: 20, onChange: setPage, size: "small" }}
        renderItem={(p) => (
          <List.Item data-testid="plan-item" style={{ display: "block" }}>
            <Space wrap style={{ display: "flex", justifyContent: "space-between" }}>
              <Typography.Text strong>
                {p.name} {p.dueForReview && <Tag color="red">待评审</Tag>}
              </Typography.Text>
              {manage && <NewDrill plan={p} />}
            </Space>
            <Typography.Text type="secondary">
              {p.level} · {p.version} · {p.regionName} · 责任单位：{p.orgName} · 评审日期：{p.reviewDue}
            </Typography.Text>
            <div>适用范围：{p.scope}</div>
            {p.drills.map((d) => (
              <DrillBlock key={d.id} d={d} />
            ))}
          </List.Item>
        )}
      />
    </>
  );
}
