import { DownloadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Form, Input, Modal, Space, Table, Typography } from "antd";
import { type ReactNode, useState } from "react";
import type { BulkResult } from "../../../contracts/common";
import { api } from "../api";
import { t } from "../i18n";

/**
 * One action on many selected rows (批量操作). The server acts on each row by itself — the same checks and audit
 * as one at a time — and answers which succeeded and why the others did not; that summary is shown here.
 */
export type BulkAction = {
  key: string;
  label: string;
  /** POST endpoint taking `{ ids, [text.field]: … }` and answering a BulkResult. */
  url: string;
  danger?: boolean;
  /** A reason or opinion typed once for all selected rows. */
  text?: { field: string; label: string; required: boolean };
  /** Fields sent with the ids (e.g. the month of the reports selected). */
  extra?: Record<string, unknown>;
  /** Other fields asked once for all selected rows (e.g. the experts to assign), each sent under its name. */
  fields?: { name: string; label: string; required: boolean; input: ReactNode }[];
};

export function BulkBar({
  actions,
  selected,
  onClear,
  onDone,
  onExport,
}: {
  actions: BulkAction[];
  selected: string[];
  onClear: () => void;
  onDone: (result: BulkResult) => void;
  /** 导出所选: downloads the selected rows as the list's export. */
  onExport?: () => Promise<void>;
}) {
  const { message } = App.useApp();
  const [asking, setAsking] = useState<BulkAction | null>(null);
  const [running, setRunning] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [result, setResult] = useState<{ action: BulkAction; r: BulkResult } | null>(null);
  const [form] = Form.useForm();

  const run = async (action: BulkAction, text?: string, values: Record<string, unknown> = {}) => {
    setRunning(true);
    try {
      const body: Record<string, unknown> = { ...action.extra, ...values, ids: selected };
      if (action.text && text) body[action.text.field] = text;
      const r = await api.post<BulkResult>(action.url, body);
      setAsking(null);
      setResult({ action, r });
      onDone(r);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setRunning(false);
    }
  };

  if (selected.length === 0 && !result) return null;
  return (
    <>
      {selected.length > 0 && (
        <Alert
          type="info"
          style={{ marginBottom: 8 }}
          data-testid="bulk-bar"
          title={
            <Space wrap>
              <Typography.Text strong>{t("list.selected", { n: selected.length })}</Typography.Text>
              {actions.map((a) => (
                <Button
                  key={a.key}
                  size="small"
                  danger={a.danger}
                  type={a.danger ? "default" : "primary"}
                  onClick={() => {
                    form.resetFields();
                    setAsking(a);
                  }}
                >
                  {a.label}
                </Button>
              ))}
              {onExport && (
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  loading={exporting}
                  onClick={async () => {
                    setExporting(true);
                    try {
                      await onExport();
                    } catch (e) {
                      message.error((e as Error).message);
                    } finally {
                      setExporting(false);
                    }
                  }}
                >
                  {t("list.exportSelected")}
                </Button>
              )}
              <Button size="small" type="link" onClick={onClear}>
                {t("list.clearSelection")}
              </Button>
            </Space>
          }
        />
      )}
      <Modal
        open={!!asking}
        title={asking?.label}
        okText={asking?.label}
        confirmLoading={running}
        onCancel={() => setAsking(null)}
        onOk={async () => {
          if (!asking) return;
          const { text, ...values } = asking.text || asking.fields ? await form.validateFields() : { text: undefined };
          await run(asking, asking.text ? text : undefined, values);
        }}
        destroyOnHidden
      >
        <Typography.Paragraph>
          {asking && t("list.bulkConfirm", { n: selected.length, action: asking.label })}
        </Typography.Paragraph>
        {(asking?.text || asking?.fields) && (
          <Form form={form} layout="vertical">
            {asking.fields?.map((f) => (
              <Form.Item
                key={f.name}
                name={f.name}
                label={f.label}
                rules={[{ required: f.required, message: t("common.select", { field: f.label }) }]}
              >
                {f.input}
              </Form.Item>
            ))}
            {asking.text && (
              <Form.Item
                name="text"
                label={asking.text.label}
                rules={[
                  { required: asking.text.required, message: t("common.required", { field: asking.text.label }) },
                ]}
              >
                <Input.TextArea rows={3} maxLength={1000} showCount />
              </Form.Item>
            )}
          </Form>
        )}
      </Modal>
      <Modal
        open={!!result}
        title={
          result &&
          t("list.bulkResultTitle", {
            action: result.action.label,
            ok: result.r.succeeded.length,
            failed: result.r.failed.length,
          })
        }
        onCancel={() => setResult(null)}
        footer={<Button onClick={() => setResult(null)}>{t("common.close")}</Button>}
        width={640}
      >
        {result && result.r.succeeded.length > 0 && (
          <>
            <Typography.Title level={5}>{t("list.bulkSucceeded")}</Typography.Title>
            <ul data-testid="bulk-succeeded">
              {result.r.succeeded.map((s) => (
                <li key={s.id}>{s.name}</li>
              ))}
            </ul>
          </>
        )}
        {result && result.r.failed.length > 0 && (
          <>
            <Typography.Title level={5}>{t("list.bulkFailed")}</Typography.Title>
            <Table
              data-testid="bulk-failed"
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={result.r.failed}
              columns={[
                { key: "name", title: t("list.bulkName"), dataIndex: "name" },
                { key: "reason", title: t("list.bulkReason"), dataIndex: "reason" },
              ]}
            />
          </>
        )}
      </Modal>
    </>
  );
}
