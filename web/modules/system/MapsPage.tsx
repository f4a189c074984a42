import { UploadOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Typography, Upload } from "antd";
import type { RcFile } from "antd/es/upload";
import { useState } from "react";
import {
  REGION_MAP_LEVELS,
  REGION_MAP_LIMITS,
  type RegionMapLevel,
  type RegionMapRow,
  type RegionMapUploadResult,
} from "../../../contracts/system";
import { ApiError, api } from "../../app/api";
import { formatTime } from "../../app/format";
import { t } from "../../app/i18n";

const tr = (key: string, params?: Record<string, string | number>) => t(`system.maps.${key}`, params);
const KEY = ["system", "maps"] as const;

type Fields = { mapLevel: RegionMapLevel; codeProperty: string; approvalNo: string; source: string };

/**
 * 地图数据: the licensed boundary files of the dashboard's map, one per level. Load one (校验 first: how many
 * features match the division tree and which do not, by name and code), replace it, or remove it.
 */
export default function MapsPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Fields>();
  const [file, setFile] = useState<RcFile | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RegionMapUploadResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const maps = useQuery({ queryKey: KEY, queryFn: () => api.get<RegionMapRow[]>("/api/system/maps") });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/api/system/maps/${id}`),
    onSuccess: async () => {
      message.success(tr("removed"));
      await qc.invalidateQueries({ queryKey: KEY });
    },
    onError: (e) => message.error((e as Error).message),
  });

  const send = async (apply: boolean) => {
    const values = await form.validateFields();
    if (!file) {
      message.warning(tr("chooseFile"));
      return;
    }
    setBusy(true);
    setError(null);
    const body = new FormData();
    for (const [k, v] of Object.entries(values)) body.append(k, String(v ?? ""));
    body.append("preview", apply ? "false" : "true");
    body.append("file", file, file.name);
    try {
      const r = await api.post<RegionMapUploadResult>("/api/system/maps", body);
      setResult(r);
      if (apply) {
        setFile(null);
        await qc.invalidateQueries({ queryKey: KEY });
        await qc.invalidateQueries({ queryKey: ["insights.dashboard"] });
      }
    } catch (e) {
      setResult(null);
      if (e instanceof ApiError && e.fields.length) {
        const onForm = e.fields.filter((f) => f.field !== "file");
        form.setFields(onForm.map((f) => ({ name: f.field as keyof Fields, errors: [f.message] })));
        setError(e.fields.find((f) => f.field === "file")?.message ?? (onForm.length ? null : e.message));
      } else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const level = Form.useWatch("mapLevel", form);
  const existing = maps.data?.find((m) => m.mapLevel === level);
  const skippedNote = (r: RegionMapUploadResult) =>
    r.skipped.length ? tr("skippedSome", { n: r.skipped.length }) : "";

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card title={tr("title")}>
        <Typography.Paragraph type="secondary">{tr("subtitle")}</Typography.Paragraph>
        <Typography.Title level={5}>{tr("loaded")}</Typography.Title>
        <Table<RegionMapRow>
          rowKey="id"
          size="small"
          loading={maps.isLoading}
          pagination={false}
          scroll={{ x: 860 }}
          dataSource={maps.data ?? []}
          locale={{ emptyText: tr("none") }}
          columns={[
            { key: "level", title: tr("columns.level"), dataIndex: "levelLabel", width: 90 },
            { key: "approvalNo", title: tr("columns.approvalNo"), dataIndex: "approvalNo" },
            { key: "source", title: tr("columns.source"), dataIndex: "source" },
            { key: "file", title: tr("columns.file"), dataIndex: "fileName" },
            { key: "count", title: tr("columns.count"), dataIndex: "featureCount", width: 80, align: "right" },
            {
              key: "uploaded",
              title: tr("columns.uploaded"),
              render: (_, r) => `${r.uploadedByName} · ${formatTime(r.uploadedAt)}`,
            },
            {
              key: "actions",
              title: tr("columns.actions"),
              width: 80,
              render: (_, r) => (
                <Popconfirm
                  title={tr("removeConfirm", { level: r.levelLabel, no: r.approvalNo })}
                  onConfirm={() => remove.mutate(r.id)}
                >
                  <Button type="link" danger size="small">
                    {tr("remove")}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
      <Card title={tr("upload")}>
        <Form<Fields>
          form={form}
          layout="vertical"
          initialValues={{ mapLevel: "county", codeProperty: "adcode" }}
          style={{ maxWidth: 640 }}
          onValuesChange={() => setResult(null)}
        >
          <Form.Item name="mapLevel" label={tr("level")} extra={tr("levelHelp")} rules={[{ required: true }]}>
            <Select
              options={Object.entries(REGION_MAP_LEVELS).map(([value, l]) => ({ value, label: l.label }))}
              style={{ width: 200 }}
            />
          </Form.Item>
          <Form.Item name="codeProperty" label={tr("codeProperty")} extra={tr("codeHelp")} rules={[{ required: true }]}>
            <Input maxLength={40} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="approvalNo" label={tr("approvalNo")} extra={tr("approvalHelp")} rules={[{ required: true }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="source" label={tr("source")} extra={tr("sourceHelp")} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label={tr("file")} extra={tr("fileHint")} required>
            <Upload
              accept=".geojson,.json,application/geo+json,application/json"
              maxCount={1}
              fileList={file ? [{ uid: file.uid, name: file.name, status: "done" }] : []}
              beforeUpload={(f) => {
                if (f.size > REGION_MAP_LIMITS.maxBytes) {
                  message.error(tr("tooLarge"));
                  return Upload.LIST_IGNORE;
                }
                setFile(f);
                setResult(null);
                setError(null);
                return false;
              }}
              onRemove={() => setFile(null)}
            >
              <Button icon={<UploadOutlined />} data-testid="map-file">
                {tr("choose")}
              </Button>
            </Upload>
          </Form.Item>
          <Space>
            <Button onClick={() => send(false)} loading={busy}>
              {tr("preview")}
            </Button>
            {existing ? (
              <Popconfirm title={tr("replaceConfirm", { no: existing.approvalNo })} onConfirm={() => send(true)}>
                <Button type="primary" loading={busy}>
                  {tr("apply")}
                </Button>
              </Popconfirm>
            ) : (
              <Button type="primary" onClick={() => send(true)} loading={busy}>
                {tr("apply")}
              </Button>
            )}
          </Space>
        </Form>
        {error && <Alert style={{ marginTop: 16 }} type="error" showIcon message={error} data-testid="map-error" />}
        {result && (
          <Space direction="vertical" style={{ width: "100%", marginTop: 16 }} data-testid="map-result">
            <Alert
              type={result.skipped.length ? "warning" : "success"}
              showIcon
              message={
                result.saved
                  ? tr("applied", { matched: result.matched, skipped: skippedNote(result) })
                  : tr("previewOk", { matched: result.matched, skipped: skippedNote(result) })
              }
              description={`${tr("matchedNames")}：${result.matchedNames.join("、")}${result.matched > result.matchedNames.length ? " …" : ""}`}
            />
            {result.skipped.length > 0 && (
              <Table
                rowKey="index"
                size="small"
                title={() => tr("skipped")}
                dataSource={result.skipped}
                pagination={result.skipped.length > 20 ? { pageSize: 20 } : false}
                columns={[
                  { key: "index", title: tr("columns.index"), dataIndex: "index", width: 70 },
                  { key: "name", title: tr("columns.name"), dataIndex: "name" },
                  { key: "code", title: tr("columns.code"), dataIndex: "code" },
                  { key: "reason", title: tr("columns.reason"), dataIndex: "reason" },
                ]}
              />
            )}
          </Space>
        )}
      </Card>
    </Space>
  );
}
