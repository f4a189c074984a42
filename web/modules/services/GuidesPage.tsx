import { ExportOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  Col,
  Drawer,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from "antd";
import { useState } from "react";
import {
  GUIDE_STATUS_LABELS,
  type GuideContent,
  type GuideView,
  guideItems as lines,
} from "../../../contracts/services";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { FormDrawer, useServerForm } from "../../app/components/FormDrawer";
import { OrgPicker } from "../../app/components/OrgPicker";
import { StatusTag } from "../../app/components/StatusTag";
import { formatDate, formatTime } from "../../app/format";
import { refreshServices, useGuides, useGuideVersions, useServiceOptions } from "./servicesApi";

const STATUS_TAGS = {
  draft: { color: "default", label: GUIDE_STATUS_LABELS.draft },
  published: { color: "green", label: GUIDE_STATUS_LABELS.published },
  withdrawn: { color: "orange", label: GUIDE_STATUS_LABELS.withdrawn },
};

/** The guide as the public reads it (the portal's page has the same parts): the editor's preview. */
export function GuidePreview({ g, timeLimitDays }: { g: Partial<GuideContent>; timeLimitDays?: number | null }) {
  const part = (title: string, body: string | undefined, list?: "ol" | "ul") =>
    body?.trim() ? (
      <div style={{ marginBottom: 12 }}>
        <Typography.Text strong>{title}</Typography.Text>
        {list === "ol" ? (
          <ol style={{ margin: "4px 0 0", paddingInlineStart: 20 }}>
            {lines(body).map((l, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the steps are text in their order
              <li key={i}>{l}</li>
            ))}
          </ol>
        ) : list === "ul" ? (
          <ul style={{ margin: "4px 0 0", paddingInlineStart: 20 }}>
            {lines(body).map((l, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the materials are text in their order
              <li key={i}>{l}</li>
            ))}
          </ul>
        ) : (
          <Typography.Paragraph style={{ margin: "4px 0 0", whiteSpace: "pre-wrap" }}>{body}</Typography.Paragraph>
        )}
      </div>
    ) : null;
  return (
    <div data-testid="guide-preview">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {g.title || "（标题）"}
      </Typography.Title>
      {part("服务内容", g.serviceItems)}
      {part("办理条件", g.conditions)}
      {part("所需材料", g.materials, "ul")}
      {part("办理流程", g.procedure, "ol")}
      {timeLimitDays != null && (
        <div style={{ marginBottom: 12 }}>
          <Typography.Text strong>办理时限</Typography.Text>
          <div>转办后 {timeLimitDays} 个工作日内答复（按“服务台设置”的时限，随设置变化）</div>
        </div>
      )}
      {part("注意事项", g.cautions)}
      {g.titleMn?.trim() && (
        <div lang="mn-Mong" className="mongolian-inline" style={{ marginTop: 8 }}>
          <Typography.Text strong>{g.titleMn}</Typography.Text>
          {g.contentMn && <div style={{ whiteSpace: "pre-wrap" }}>{g.contentMn}</div>}
        </div>
      )}
    </div>
  );
}

type FormValues = GuideContent & { orgId: string; category: string };

function GuideForm({ editing, onClose }: { editing: GuideView | "new" | null; onClose: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { me } = useAuth();
  const { data: options } = useServiceOptions();
  const { saving, error, run, clearError } = useServerForm(form);
  const values = Form.useWatch([], form) as Partial<FormValues> | undefined;
  const current = editing && editing !== "new" ? editing : null;
  const save = (v: FormValues) =>
    run(async () => {
      if (current) await api.put(`/api/services/guides/${current.id}`, v);
      else await api.post("/api/services/guides", v);
      message.success(current?.status === "published" ? "已保存；再次发布后公众才能看到修改" : "已保存为草稿");
      await refreshServices(qc);
      onClose();
    });
  return (
    <FormDrawer
      open={editing !== null}
      onClose={onClose}
      title={current ? `修改服务指南：${current.title}` : "编写服务指南"}
      form={form}
      saving={saving}
      error={error}
      size={1100}
      submitTestId="guide-save"
      intro={
        <Typography.Paragraph type="secondary">
          服务指南在门户“服务申请”、窗口的 LED 显示屏和打印的宣传材料中展示。所需材料和办理流程每行写一项；
          办理时限不必填写，按服务台设置的时限显示。保存后须“发布”，公众才能看到。
        </Typography.Paragraph>
      }
    >
      <Row gutter={24}>
        <Col xs={24} lg={13}>
          <Form<FormValues>
            form={form}
            layout="vertical"
            onValuesChange={clearError}
            onFinish={save}
            initialValues={
              current
                ? { ...current }
                : {
                    orgId: me?.user.orgId,
                    conditions: "",
                    materials: "",
                    cautions: "",
                    titleMn: "",
                    contentMn: "",
                  }
            }
          >
            <Form.Item name="orgId" label="发布单位" rules={[{ required: true, message: "请选择发布单位" }]}>
              <OrgPicker valueName={current?.orgName ?? me?.user.orgName} />
            </Form.Item>
            <Form.Item name="category" label="服务类别" rules={[{ required: true, message: "请选择服务类别" }]}>
              <Select
                placeholder="请选择"
                options={(options?.categories ?? []).map((c) => ({ value: c.code, label: c.label }))}
              />
            </Form.Item>
            <Form.Item name="title" label="标题" rules={[{ required: true, message: "请填写标题" }]}>
              <Input maxLength={60} placeholder="如：法律援助（绿色通道）办事指南" />
            </Form.Item>
            <Form.Item name="serviceItems" label="服务内容" rules={[{ required: true, message: "请填写服务内容" }]}>
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
            <Form.Item name="conditions" label="办理条件">
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Form.Item name="materials" label="所需材料（每行一项）">
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
            <Form.Item
              name="procedure"
              label="办理流程（每行一步）"
              rules={[{ required: true, message: "请填写办理流程" }]}
            >
              <Input.TextArea rows={4} maxLength={2000} />
            </Form.Item>
            <Form.Item name="cautions" label="注意事项">
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Form.Item name="titleMn" label="蒙古文标题（由通晓蒙古文的工作人员填写，可不填）">
              <Input maxLength={120} lang="mn-Mong" />
            </Form.Item>
            <Form.Item name="contentMn" label="蒙古文内容">
              <Input.TextArea rows={3} maxLength={4000} lang="mn-Mong" />
            </Form.Item>
          </Form>
        </Col>
        <Col xs={24} lg={11}>
          <Card size="small" title="预览（公众看到的样子）">
            <GuidePreview
              g={values ?? {}}
              timeLimitDays={values?.category ? (options?.timeLimits[values.category] ?? null) : null}
            />
          </Card>
        </Col>
      </Row>
    </FormDrawer>
  );
}

function Versions({ guide, onClose }: { guide: GuideView | null; onClose: () => void }) {
  const { data, isLoading } = useGuideVersions(guide?.id ?? null);
  const [shown, setShown] = useState<number | null>(null);
  const version = data?.find((v) => v.version === shown);
  return (
    <Drawer open={!!guide} onClose={onClose} title={`历次发布：${guide?.title ?? ""}`} size={640} destroyOnHidden>
      {isLoading ? null : !data?.length ? (
        <Typography.Text type="secondary">尚未发布过</Typography.Text>
      ) : (
        <Timeline
          items={data.map((v) => ({
            content: (
              <div>
                <Space wrap>
                  <strong>第 {v.version} 版</strong>
                  <span>{formatTime(v.publishedAt)}</span>
                  <span>发布人：{v.publishedBy}</span>
                  <Button size="small" type="link" onClick={() => setShown(shown === v.version ? null : v.version)}>
                    {shown === v.version ? "收起" : "查看内容"}
                  </Button>
                </Space>
                {version && shown === v.version && (
                  <Card size="small" style={{ marginTop: 8 }}>
                    <GuidePreview g={version.content} />
                  </Card>
                )}
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}

/** 服务指南 (宣传教育平台): write, preview, publish (as a new version), withdraw with a reason, see each version. */
export default function GuidesPage() {
  const { data, isLoading } = useGuides();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<GuideView | "new" | null>(null);
  const [versionsOf, setVersionsOf] = useState<GuideView | null>(null);
  const [withdrawing, setWithdrawing] = useState<GuideView | null>(null);
  const [reason, setReason] = useState("");
  const publish = (g: GuideView) =>
    modal.confirm({
      title: `发布“${g.title}”？`,
      content: g.version
        ? `发布后公众看到第 ${g.version + 1} 版，第 ${g.version} 版留在历次发布中。`
        : "发布后在门户、LED 显示屏和宣传材料中显示。",
      okText: "发布",
      onOk: async () => {
        try {
          await api.post(`/api/services/guides/${g.id}/publish`);
          message.success("已发布");
          await refreshServices(qc);
        } catch (e) {
          message.error((e as Error).message);
        }
      },
    });
  const withdraw = async () => {
    if (!withdrawing) return;
    try {
      await api.post(`/api/services/guides/${withdrawing.id}/withdraw`, { reason });
      message.success("已撤回，门户不再显示");
      setWithdrawing(null);
      setReason("");
      await refreshServices(qc);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const regions = [...new Set((data ?? []).filter((g) => g.status === "published").map((g) => g.regionCode))];
  return (
    <Card
      title="服务指南"
      extra={
        <Space wrap>
          {regions.length > 0 && (
            <>
              <Button
                icon={<ExportOutlined />}
                href={`/requests/guide?region=${regions[regions.length - 1]}`}
                target="_blank"
              >
                在门户查看
              </Button>
              <Button href={`/requests/screen?region=${regions[regions.length - 1]}`} target="_blank">
                LED 屏播放页
              </Button>
            </>
          )}
          {can("service:manage") && (
            <Button type="primary" onClick={() => setEditing("new")} data-testid="guide-create">
              编写服务指南
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        宣传教育平台：服务项目、办事规程和注意事项写一次，门户、窗口 LED 显示屏和打印的宣传材料都用这一份。
        本级没有写的类别，公众看到上级发布的指南。
      </Typography.Paragraph>
      <Table<GuideView>
        rowKey="id"
        loading={isLoading}
        dataSource={data ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: "还没有服务指南" }}
        columns={[
          { title: "服务类别", dataIndex: "categoryLabel", width: 110 },
          { title: "标题", dataIndex: "title" },
          {
            title: "发布单位",
            key: "org",
            render: (_, g) => (
              <span>
                {g.orgName}
                <Typography.Text type="secondary">（{g.regionName}）</Typography.Text>
              </span>
            ),
          },
          {
            title: "状态",
            key: "status",
            width: 170,
            render: (_, g) => (
              <Space size={4} wrap>
                <StatusTag status={g.status} labels={STATUS_TAGS} />
                {g.unpublishedChanges && <Tag color="gold">有未发布的修改</Tag>}
              </Space>
            ),
          },
          {
            title: "版本",
            key: "version",
            width: 160,
            render: (_, g) => (g.version ? `第 ${g.version} 版 · ${formatDate(g.publishedAt)}` : "未发布"),
          },
          {
            title: "操作",
            key: "actions",
            width: 230,
            render: (_, g) => (
              <Space size={0} wrap>
                {g.canManage && (
                  <Button type="link" size="small" onClick={() => setEditing(g)}>
                    修改
                  </Button>
                )}
                {g.canManage && (g.status !== "published" || g.unpublishedChanges) && (
                  <Button type="link" size="small" onClick={() => publish(g)} data-testid="guide-publish">
                    发布
                  </Button>
                )}
                {g.canManage && g.status === "published" && (
                  <Button type="link" size="small" danger onClick={() => setWithdrawing(g)}>
                    撤回
                  </Button>
                )}
                <Button type="link" size="small" onClick={() => setVersionsOf(g)}>
                  历次发布
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing !== null && <GuideForm editing={editing} onClose={() => setEditing(null)} />}
      <Versions guide={versionsOf} onClose={() => setVersionsOf(null)} />
      <Modal
        open={!!withdrawing}
        title={`撤回“${withdrawing?.title ?? ""}”`}
        okText="撤回"
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
        onOk={withdraw}
        onCancel={() => setWithdrawing(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>撤回后门户和 LED 屏不再显示，历次发布的内容保留。</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={200}
          placeholder="撤回原因（必填）"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Card>
  );
}
