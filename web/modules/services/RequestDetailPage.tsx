import { Alert, Card, Descriptions, Grid, Skeleton, Space, Table, Tabs, Tag, Timeline, Typography } from "antd";
import { useParams } from "react-router";
import type { RequestDetail } from "../../../contracts/services";
import { AuditPanel } from "../../app/components/AuditPanel";
import { formatTime } from "../../app/format";
import { DueMark, GreenTag, StatusTag } from "./labels";
import { RequestActions } from "./RequestActions";
import { RevealField } from "./RevealField";
import { useRequest } from "./servicesApi";

type Referral = RequestDetail["referrals"][number];
type Access = RequestDetail["accesses"][number];

function Referrals({ rows }: { rows: Referral[] }) {
  return (
    <Table<Referral>
      rowKey="id"
      size="small"
      pagination={false}
      scroll={{ x: 640 }}
      dataSource={rows}
      columns={[
        { title: "转办", render: (_: unknown, f) => `${f.fromOrgName} → ${f.toOrgName}` },
        { title: "时限", render: (_: unknown, f) => `${f.days} 个工作日，${f.dueOn} 前答复` },
        { title: "转办时间", dataIndex: "referredAt", render: (v: string) => formatTime(v) },
        {
          title: "结果",
          render: (_: unknown, f) => (
            <Space direction="vertical" size={0}>
              <span>
                {f.outcomeLabel}
                {f.escalatedAt && <Tag color="red">已督办</Tag>}
              </span>
              {f.declineReasonLabel && (
                <Typography.Text type="secondary">
                  {f.declineReasonLabel}
                  {f.responsibleOrgName ? `，应由${f.responsibleOrgName}办理` : ""}
                </Typography.Text>
              )}
              {f.escalatedToNames.length > 0 && (
                <Typography.Text type="secondary">督办：{f.escalatedToNames.join("、")}</Typography.Text>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

function Accesses({ rows }: { rows: Access[] }) {
  return (
    <Table<Access>
      rowKey={(a) => `${a.at}-${a.field}`}
      size="small"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: "尚无人查看过服务对象的完整个人信息" }}
      columns={[
        { title: "时间", dataIndex: "at", render: (v: string) => formatTime(v) },
        { title: "查看人", render: (_: unknown, a) => `${a.orgName} ${a.userName}` },
        { title: "信息项", dataIndex: "fieldLabel" },
        { title: "理由", dataIndex: "reason" },
      ]}
    />
  );
}

/** A request: what was asked, the person's fields masked (查看 with a reason), referrals with their clocks, history. */
export default function RequestDetailPage() {
  const { id } = useParams();
  const { data: r, isLoading, error } = useRequest(id);
  const narrow = !Grid.useBreakpoint().md;
  if (isLoading) return <Skeleton active />;
  if (error || !r) return <Alert type="error" showIcon title={(error as Error)?.message ?? "未找到"} />;
  const reveal = `/api/services/requests/${r.id}/reveal`;
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Card
        title={
          <Space wrap size={4}>
            <GreenTag green={r.green} />
            <span>
              {r.categoryLabel} · {r.trackingCode}
            </span>
            <StatusTag r={r} />
            <DueMark r={r} />
          </Space>
        }
      >
        <Descriptions size="small" column={narrow ? 1 : 2} bordered>
          <Descriptions.Item label="诉求内容" span={narrow ? 1 : 2}>
            {r.description}
          </Descriptions.Item>
          <Descriptions.Item label="服务对象">
            <RevealField url={reveal} field="name" masked={r.nameMasked} requestId={r.id} />
          </Descriptions.Item>
          <Descriptions.Item label="联系电话">
            <RevealField url={reveal} field="phone" masked={r.phoneMasked} requestId={r.id} />
          </Descriptions.Item>
          <Descriptions.Item label="身份证号">
            <RevealField url={reveal} field="idNumber" masked={r.idNumberMasked} requestId={r.id} />
          </Descriptions.Item>
          <Descriptions.Item label="服务语言">{r.language}</Descriptions.Item>
          <Descriptions.Item label="受理窗口">
            {r.windowName}（{r.regionName}）
          </Descriptions.Item>
          <Descriptions.Item label="受理渠道">{r.channelLabel}</Descriptions.Item>
          <Descriptions.Item label="承办部门">{r.deptOrgName ?? "—"}</Descriptions.Item>
          <Descriptions.Item label="接收期限">{r.acceptDueOn ?? "—"}</Descriptions.Item>
          <Descriptions.Item label="受理时间">{formatTime(r.createdAt)}</Descriptions.Item>
          <Descriptions.Item label="个人信息处理依据">{r.legalBasis}</Descriptions.Item>
          {r.answer && (
            <Descriptions.Item label="答复" span={narrow ? 1 : 2}>
              {r.answer}（{formatTime(r.answeredAt)}
              {r.answeredOnTime === false ? "，超期答复" : ""}）
            </Descriptions.Item>
          )}
          {r.satisfactionLabel && (
            <Descriptions.Item label="评价">
              {r.satisfactionLabel}
              {r.partlySolved ? "（部分解决）" : ""}
            </Descriptions.Item>
          )}
          {r.reopenUntil && <Descriptions.Item label="可申请重办至">{r.reopenUntil}</Descriptions.Item>}
        </Descriptions>
        <div style={{ marginTop: 12 }}>
          <RequestActions r={r} />
        </div>
      </Card>
      <Card>
        <Tabs
          items={[
            { key: "referrals", label: "转办记录", children: <Referrals rows={r.referrals} /> },
            {
              key: "events",
              label: "办理过程",
              children: (
                <Timeline
                  items={r.events.map((e, i) => ({
                    key: i,
                    content: (
                      <div>
                        <Typography.Text strong>{e.actionLabel}</Typography.Text>{" "}
                        <Typography.Text type="secondary">
                          {e.actorName ?? ""} {formatTime(e.at)}
                        </Typography.Text>
                        {e.note && <div>{e.note}</div>}
                      </div>
                    ),
                  }))}
                />
              ),
            },
            { key: "accesses", label: "个人信息访问记录", children: <Accesses rows={r.accesses} /> },
            {
              key: "history",
              label: "操作记录",
              children: <AuditPanel url={`/api/services/requests/${r.id}/history`} />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
