import { Card, DatePicker, Form, Input, List, Segmented, Select, Space, Tag, Timeline, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { EVENT_STATUS_LABELS, type EventView, RISK_LABELS } from "../../../contracts/disputes";
import { useAuth } from "../../app/auth";
import { RegionPicker } from "../../app/components/RegionPicker";
import { ActionModal, toBody } from "./ActionModal";
import { useEvents } from "./disputesApi";

const req = (message: string) => [{ required: true, message }];
const when = (iso: string) => new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
const CHANNELS = [
  ["web", "网站论坛"],
  ["weibo", "微博"],
  ["wechat", "微信公众号/群"],
  ["video", "短视频平台"],
  ["media", "新闻媒体"],
  ["hotline", "12345热线"],
].map(([value, label]) => ({ value, label }));
const GRADE_COLOR = { general: "default", serious: "orange", major: "red" } as const;

function NewEvent() {
  return (
    <ActionModal
      label="登记舆情事件"
      title="登记舆情事件"
      url="/api/disputes/events"
      done="已登记舆情事件"
      primary
      initialValues={{ foundAt: dayjs(), grade: "general" }}
      body={(v) => toBody(v, ["foundAt"])}
    >
      <Typography.Paragraph type="secondary">只记录事件和信息本身，不记录、不监测具体个人。</Typography.Paragraph>
      <Form.Item name="foundAt" label="首次发现时间" rules={req("请选择时间")}>
        <DatePicker showTime style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item name="channel" label="来源渠道" rules={req("请选择来源渠道")}>
        <Select options={CHANNELS} />
      </Form.Item>
      <Form.Item name="grade" label="等级" rules={req("请选择等级")}>
        <Select options={Object.entries(RISK_LABELS).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Form.Item name="regionCode" label="涉及地区" rules={req("请选择地区")}>
        <RegionPicker />
      </Form.Item>
      <Form.Item name="summary" label="事件摘要" rules={req("请填写事件摘要")}>
        <Input.TextArea rows={4} maxLength={1000} />
      </Form.Item>
    </ActionModal>
  );
}

function EventActions({ e }: { e: EventView }) {
  if (e.status !== "open") return null;
  return (
    <Space wrap>
      <ActionModal
        label="记录处置步骤"
        title="记录处置步骤"
        url={`/api/disputes/events/${e.id}/steps`}
        done="已记录处置步骤"
        initialValues={{ at: dayjs() }}
        body={(v) => toBody(v, ["at"])}
      >
        <Form.Item name="at" label="时间" rules={req("请选择时间")}>
          <DatePicker showTime style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="action" label="处置措施" rules={req("请填写处置措施")}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </ActionModal>
      <ActionModal label="办结并复盘" title="办结并复盘" url={`/api/disputes/events/${e.id}/close`} done="已办结">
        <Form.Item name="closure" label="办结情况" rules={req("请填写办结情况")}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Form.Item name="review" label="复盘总结" rules={req("请填写复盘总结")}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </ActionModal>
    </Space>
  );
}

/** 舆情事件: events with their handling steps, closure and review. */
export default function EventsPage() {
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<"open" | "closed" | "all">("open");
  const { me } = useAuth();
  const manage = me?.permissions.includes("disputes:manage");
  const events = useEvents({ page, status: status === "all" ? undefined : status });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {manage && <NewEvent />}
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(v as typeof status);
            setPage(1);
          }}
          options={[
            { value: "open", label: "处置中" },
            { value: "closed", label: "已办结" },
            { value: "all", label: "全部" },
          ]}
        />
      </Space>
      <List
        loading={events.isLoading}
        dataSource={events.data?.items ?? []}
        locale={{ emptyText: "暂无舆情事件" }}
        pagination={{ current: page, total: events.data?.total ?? 0, pageSize: 20, onChange: setPage, size: "small" }}
        renderItem={(e) => (
          <List.Item data-testid="event-item" style={{ display: "block" }}>
            <Space wrap>
              <Tag color={GRADE_COLOR[e.grade]}>{RISK_LABELS[e.grade]}</Tag>
              <Tag>{EVENT_STATUS_LABELS[e.status]}</Tag>
              <Typography.Text type="secondary">
                {when(e.foundAt)} · {e.channelLabel} · {e.regionName} · 责任单位：{e.orgName}
              </Typography.Text>
            </Space>
            <div style={{ margin: "8px 0" }}>{e.summary}</div>
            {e.steps.length > 0 && (
              <Timeline items={e.steps.map((s) => ({ key: s.id, content: `${when(s.at)} ${s.action}` }))} />
            )}
            {e.closure && (
              <Card size="small" style={{ marginBottom: 8 }}>
                <div>办结：{e.closure}</div>
                <div>复盘：{e.review}</div>
              </Card>
            )}
            {manage && <EventActions e={e} />}
          </List.Item>
        )}
      />
    </>
  );
}
