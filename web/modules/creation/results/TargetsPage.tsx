import { PlusOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Progress,
  Row,
  Select,
  Space,
  Typography,
} from "antd";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import type { NamingLevel, Target } from "../../../../contracts/creation";
import { api } from "../../../app/api";
import { useAuth } from "../../../app/auth";
import { useServerForm } from "../../../app/components/FormDrawer";
import { type ListColumn, type ListFilter, ListPage } from "../../../app/components/ListPage";
import { RegionPicker } from "../../../app/components/RegionPicker";
import { formatTime } from "../../../app/format";
import { t } from "../../../app/i18n";
import { levelLabel, levelOptions, managesRegion, recentYears, tr, useCategories, useWide } from "./shared";

const LIST_ID = "creation-targets";
const label = (key: string) => tr(`targets.fields.${key}`);

/** The designations that count toward a target, as a link to the register. */
export function targetLink(x: Pick<Target, "regionCode" | "level" | "category">) {
  const q = new URLSearchParams({ regionCode: x.regionCode, level: x.level, live: "true" });
  if (x.category) q.set("category", x.category);
  return `/creation/designations?${q}`;
}

export function TargetProgress({ target }: { target: Target }) {
  const color = target.percent >= 100 ? "#52c41a" : target.percent >= 60 ? "#1677ff" : "#fa8c16";
  return (
    <div style={{ minWidth: 160 }}>
      <Progress
        percent={Math.min(100, target.percent)}
        showInfo={false}
        strokeColor={color}
        size="small"
        aria-label={label("progress")}
      />
      <Typography.Text style={{ fontSize: 12 }}>
        <Link to={targetLink(target)}>{target.achieved}</Link>
        {` / ${target.targetCount}（${target.percent}%）`}
      </Typography.Text>
    </div>
  );
}

/** 目标任务: targets per region, naming level and year, with live progress from valid designations. */
export default function TargetsPage() {
  const wide = useWide();
  const { can, me } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form, setForm] = useState<{ open: boolean; target: Target | null; key: number }>({
    open: false,
    target: null,
    key: 0,
  });
  const manage = can("creation:manage");
  const editable = (x: Target) => manage && managesRegion(me, x.regionCode);
  const refresh = () => qc.invalidateQueries({ queryKey: [LIST_ID] });

  const remove = async (x: Target) => {
    try {
      await api.delete(`/api/creation/targets/${x.id}`);
      message.success(tr("targets.deleted"));
      refresh();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const filters: ListFilter[] = useMemo(
    () => [
      { name: "regionCode", label: label("region"), type: "region" },
      { name: "level", label: label("level"), type: "select", options: levelOptions },
      { name: "year", label: label("year"), type: "select", options: recentYears(10, 5) },
    ],
    [],
  );

  const columns: ListColumn<Target>[] = [
    { key: "region", title: label("region"), dataIndex: "regionName", fixed: "left" },
    { key: "year", title: label("year"), dataIndex: "year" },
    { key: "level", title: label("level"), dataIndex: "level", render: levelLabel },
    {
      key: "category",
      title: label("category"),
      dataIndex: "categoryLabel",
      render: (v: string | null) => v ?? tr("targets.allCategories"),
    },
    { key: "targetCount", title: label("targetCount"), dataIndex: "targetCount", align: "right" },
    { key: "progress", title: label("progress"), render: (_: unknown, x) => <TargetProgress target={x} /> },
    { key: "note", title: label("note"), dataIndex: "note", ellipsis: true, width: 240, render: (v) => v ?? "—" },
    { key: "updatedAt", title: t("common.updatedAt"), dataIndex: "updatedAt", render: formatTime, defaultHidden: true },
    {
      key: "actions",
      title: t("common.actions"),
      fixed: wide ? "right" : undefined,
      render: (_: unknown, x) =>
        editable(x) ? (
          <Space size={12}>
            <Typography.Link onClick={() => setForm((f) => ({ open: true, target: x, key: f.key + 1 }))}>
              {t("common.edit")}
            </Typography.Link>
            <Popconfirm
              title={tr("targets.confirmDelete")}
              okText={t("common.delete")}
              cancelText={t("common.cancel")}
              okButtonProps={{ danger: true }}
              onConfirm={() => remove(x)}
            >
              <Typography.Link type="danger">{t("common.delete")}</Typography.Link>
            </Popconfirm>
          </Space>
        ) : (
          "—"
        ),
    },
  ];

  return (
    <>
      <ListPage<Target>
        id={LIST_ID}
        url="/api/creation/targets"
        title={tr("targets.listTitle")}
        filters={filters}
        columns={columns}
        toolbar={
          manage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setForm((f) => ({ open: true, target: null, key: f.key + 1 }))}
              data-testid="target-create"
            >
              {tr("targets.create")}
            </Button>
          )
        }
      />
      <TargetForm
        key={form.key}
        open={form.open}
        target={form.target}
        onClose={() => setForm((f) => ({ ...f, open: false }))}
        onSaved={() => {
          setForm((f) => ({ ...f, open: false }));
          refresh();
        }}
      />
    </>
  );
}

type TargetValues = {
  regionCode?: string;
  level?: NamingLevel;
  year: number;
  category?: string;
  targetCount: number | null;
  note: string;
};

function TargetForm({
  open,
  target,
  onClose,
  onSaved,
}: {
  open: boolean;
  target: Target | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { me } = useAuth();
  const { message } = App.useApp();
  const categories = useCategories();
  const [form] = Form.useForm<TargetValues>();
  const { saving, error, run, clearError } = useServerForm(form);
  const submit = (v: TargetValues) =>
    run(async () => {
      if (target)
        await api.patch(`/api/creation/targets/${target.id}`, {
          targetCount: v.targetCount,
          note: v.note?.trim() ?? "",
        });
      else
        await api.post("/api/creation/targets", {
          regionCode: v.regionCode,
          level: v.level,
          year: v.year,
          category: v.category || null,
          targetCount: v.targetCount,
          note: v.note?.trim() || undefined,
        });
      message.success(tr(target ? "targets.updated" : "targets.created"));
      onSaved();
    });
  const req = (key: string, select = true) => [
    { required: true, message: t(select ? "common.select" : "common.required", { field: label(key) }) },
  ];
  return (
    <Modal
      open={open}
      title={tr(target ? "targets.editTitle" : "targets.createTitle")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      okButtonProps={{ "data-testid": "target-form-submit" }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<TargetValues>
        form={form}
        name="targetForm"
        layout="vertical"
        onFinish={submit}
        onValuesChange={clearError}
        initialValues={{
          regionCode: target?.regionCode ?? (me?.dataScope.kind === "all" ? undefined : me?.dataScope.regionCode),
          level: target?.level,
          year: target?.year ?? new Date().getFullYear(),
          category: target?.category ?? "",
          targetCount: target?.targetCount ?? null,
          note: target?.note ?? "",
        }}
      >
        {target ? (
          <Form.Item label={label("region")}>
            <Input disabled value={target.regionName} />
          </Form.Item>
        ) : (
          <Form.Item name="regionCode" label={label("region")} rules={req("region")}>
            <RegionPicker />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item name="level" label={label("level")} rules={req("level")}>
              <Select options={levelOptions} disabled={!!target} placeholder={tr("common.pleaseSelect")} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="year" label={label("year")} rules={req("year", false)}>
              <InputNumber min={2000} max={2100} precision={0} disabled={!!target} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="category" label={label("category")}>
              <Select
                disabled={!!target}
                options={[{ value: "", label: tr("targets.allCategories") }, ...categories.options]}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="targetCount" label={label("targetCount")} rules={req("targetCount", false)}>
          <InputNumber min={1} max={1_000_000} precision={0} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="note" label={label("note")}>
          <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
