import {
  Button,
  Card,
  Checkbox,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  List,
  Progress,
  Select,
  Space,
  Table,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import type { CampaignView } from "../../../contracts/disputes";
import { useAuth } from "../../app/auth";
import { RegionPicker } from "../../app/components/RegionPicker";
import { ActionModal } from "./ActionModal";
import { useCampaign, useCampaigns, useReportUnits } from "./disputesApi";

const req = (message: string) => [{ required: true, message }];
type Unit = CampaignView["units"][number];

/** The form of a new campaign: where, when, which units (from the reporting units), and its checklist. */
function NewCampaign() {
  const units = useReportUnits();
  return (
    <ActionModal
      label="部署排查活动"
      title="部署排查活动"
      url="/api/disputes/campaigns"
      done="已部署排查活动"
      primary
      testId="campaign-new"
      body={(v) => {
        const [from, to] = v.period as [Dayjs, Dayjs];
        return {
          name: v.name,
          regionCode: v.regionCode,
          startsOn: from.format("YYYY-MM-DD"),
          endsOn: to.format("YYYY-MM-DD"),
          orgIds: v.orgIds,
          checklist: String(v.checklist)
            .split("\n")
            .map((s) => s.trim())
            .filter(Boolean),
        };
      }}
    >
      <Form.Item name="name" label="活动名称" rules={req("请填写活动名称")}>
        <Input maxLength={100} placeholder="如：2026年第四季度矛盾纠纷集中排查" />
      </Form.Item>
      <Form.Item name="regionCode" label="排查范围" rules={req("请选择区划")}>
        <RegionPicker />
      </Form.Item>
      <Form.Item name="period" label="起止日期" rules={req("请选择起止日期")}>
        <DatePicker.RangePicker style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item name="orgIds" label="排查单位" rules={req("请选择排查单位")}>
        <Select
          mode="multiple"
          loading={units.isLoading}
          optionFilterProp="label"
          options={(units.data ?? []).map((u) => ({ value: u.orgId, label: `${u.orgName}（${u.regionName}）` }))}
        />
      </Form.Item>
      <Form.Item name="checklist" label="排查清单（每行一项）" rules={req("请填写排查清单")}>
        <Input.TextArea rows={4} placeholder={"土地、草牧场边界争议\n婚姻家庭矛盾\n拖欠工资"} />
      </Form.Item>
    </ActionModal>
  );
}

/** The own unit's screening report: places checked, each checklist item checked, and a note. */
function ReportScreening({ c }: { c: CampaignView }) {
  return (
    <ActionModal
      label="报送本单位排查情况"
      title={`报送排查情况：${c.name}`}
      url={`/api/disputes/campaigns/${c.id}/report`}
      done="已报送排查情况"
      primary
      testId="campaign-report"
      initialValues={{ placesChecked: 1, checks: [] }}
      body={(v) => ({
        placesChecked: v.placesChecked,
        checks: c.checklist.map((_, i) => (v.checks as number[]).includes(i)),
        ...(v.note ? { note: v.note } : {}),
      })}
    >
      <Form.Item name="placesChecked" label="排查场所（户、点）数" rules={req("请填写数量")}>
        <InputNumber min={0} style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item name="checks" label="已排查事项">
        <Checkbox.Group
          style={{ display: "flex", flexDirection: "column", gap: 8 }}
          options={c.checklist.map((label, value) => ({ label, value }))}
        />
      </Form.Item>
      <Form.Item name="note" label="发现问题或说明（发现的纠纷请另行登记）">
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </ActionModal>
  );
}

type RegionRow = CampaignView["regions"][number];
const pct = (n: number, d: number) => (d ? Math.round((n / d) * 100) : 0);

/**
 * One campaign: its checklist, completion by lower region (click a region to drill down, 返回上级 to go back) and
 * each unit's progress under the region shown.
 */
function CampaignDetail({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { me } = useAuth();
  const [trail, setTrail] = useState<{ code: string; name: string }[]>([]);
  const region = trail.at(-1)?.code;
  const detail = useCampaign(id, region);
  const c = detail.data ?? null;
  const mine = c?.units.find((u) => u.orgId === me?.user.orgId);
  const close = () => {
    setTrail([]);
    onClose();
  };
  return (
    <Drawer open={!!id} onClose={close} title={c?.name} size={720} loading={detail.isLoading}>
      {c && (
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Typography.Text>
            {c.regionName} · {c.startsOn} 至 {c.endsOn} · 部署单位：{c.orgName}
          </Typography.Text>
          <Progress percent={pct(c.submitted, c.assigned)} />
          <Typography.Text>
            已报送 {c.submitted}/{c.assigned} 个单位，发现问题 {c.issuesFound} 件，新登记案件 {c.casesCreated} 件
          </Typography.Text>
          {mine && !mine.submittedAt && me?.permissions.includes("disputes:report") && <ReportScreening c={c} />}
          <Card size="small" title="排查清单">
            {c.checklist.map((item, i) => (
              <div key={item}>
                {i + 1}. {item}
              </div>
            ))}
          </Card>
          <Card
            size="small"
            title={`各地完成情况：${c.viewRegionName}`}
            extra={
              trail.length > 0 && (
                <Button size="small" data-testid="campaign-region-up" onClick={() => setTrail(trail.slice(0, -1))}>
                  返回上级
                </Button>
              )
            }
          >
            <Table<RegionRow>
              rowKey="regionCode"
              size="small"
              scroll={{ x: 520 }}
              dataSource={c.regions}
              pagination={false}
              data-testid="campaign-regions"
              columns={[
                {
                  title: "地区",
                  dataIndex: "regionName",
                  render: (v: string, r) =>
                    r.regionCode === c.viewRegionCode ? (
                      v
                    ) : (
                      <Typography.Link onClick={() => setTrail([...trail, { code: r.regionCode, name: v }])}>
                        {v}
                      </Typography.Link>
                    ),
                },
                { title: "排查单位", dataIndex: "assigned" },
                {
                  title: "已报送",
                  dataIndex: "submitted",
                  render: (v: number, r) => `${v}（${pct(v, r.assigned)}%）`,
                },
                { title: "发现问题", dataIndex: "issuesFound" },
                { title: "新登记案件", dataIndex: "casesCreated" },
              ]}
            />
          </Card>
          <Table<Unit>
            rowKey="orgId"
            size="small"
            scroll={{ x: 560 }}
            dataSource={c.units}
            pagination={false}
            columns={[
              { title: "单位", dataIndex: "orgName" },
              { title: "排查场所", dataIndex: "placesChecked", render: (v: number | null) => v ?? "—" },
              { title: "发现问题", dataIndex: "issuesFound", render: (v: number | null) => v ?? "—" },
              {
                title: "完成事项",
                dataIndex: "checks",
                render: (v: boolean[], u) =>
                  u.submittedAt ? `${v.filter(Boolean).length}/${c.checklist.length}` : "—",
              },
              { title: "状态", dataIndex: "submittedAt", render: (v: string | null) => (v ? "已报送" : "未报送") },
            ]}
          />
        </Space>
      )}
    </Drawer>
  );
}

/** 排查活动: the campaigns of the caller's region with their completion, a new one, a unit's own report. */
export default function CampaignsPage() {
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const { me } = useAuth();
  const campaigns = useCampaigns(page);
  return (
    <>
      {me?.permissions.includes("disputes:manage") && (
        <div style={{ marginBottom: 12 }}>
          <NewCampaign />
        </div>
      )}
      <List
        loading={campaigns.isLoading}
        dataSource={campaigns.data?.items ?? []}
        locale={{ emptyText: "暂无排查活动" }}
        pagination={{
          current: page,
          total: campaigns.data?.total ?? 0,
          pageSize: 20,
          onChange: setPage,
          size: "small",
        }}
        renderItem={(c) => (
          <List.Item
            data-testid="campaign-item"
            actions={[
              <Button key="o" size="small" onClick={() => setOpenId(c.id)}>
                查看进度
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={c.name}
              description={`${c.regionName} · ${c.startsOn} 至 ${c.endsOn} · 已报送 ${c.submitted}/${c.assigned}，发现问题 ${c.issuesFound} 件`}
            />
            <Progress type="circle" size={48} percent={c.assigned ? Math.round((c.submitted / c.assigned) * 100) : 0} />
          </List.Item>
        )}
      />
      <CampaignDetail id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
