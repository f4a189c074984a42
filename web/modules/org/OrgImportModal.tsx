import { DownloadOutlined, InboxOutlined } from "@ant-design/icons";
import { Alert, App, Button, Modal, Result, Space, Table, Typography, Upload } from "antd";
import type { RcFile, UploadFile } from "antd/es/upload";
import { useState } from "react";
import { ApiError, api, download } from "../../app/api";
import { t } from "../../app/i18n";

type ImportRowError = { row: number; field: string; message: string };

type Outcome =
  | { kind: "success"; imported: number }
  | { kind: "failed"; errors: ImportRowError[] }
  | { kind: "error"; message: string };

const MAX_SIZE = 5 * 1024 * 1024;

export async function downloadOrgTemplate() {
  await download("/api/orgs/import-template", undefined, "组织机构导入模板.xlsx");
}

/**
 * Import organizations from the .xlsx template. The server checks every row first and imports nothing if
 * any row is wrong; the rows in error come back as an error report listed here.
 */
export function OrgImportModal({
  open,
  onClose,
  onImported,
}: {
  open: boolean;
  onClose: () => void;
  onImported: (count: number) => void;
}) {
  const { message } = App.useApp();
  const [file, setFile] = useState<RcFile | null>(null);
  const [uploading, setUploading] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const fileList: UploadFile[] = file ? [{ uid: file.uid, name: file.name, size: file.size, status: "done" }] : [];

  const submit = async () => {
    if (!file) {
      message.warning(t("org.import.chooseFile"));
      return;
    }
    setUploading(true);
    setOutcome(null);
    const body = new FormData();
    body.append("file", file, file.name);
    try {
      const res = await api.post<{ imported: number }>("/api/orgs/import", body);
      setOutcome({ kind: "success", imported: res.imported });
      setFile(null);
      onImported(res.imported);
    } catch (e) {
      if (e instanceof ApiError && e.code === "IMPORT_FAILED") {
        const errors = Array.isArray(e.details?.errors) ? (e.details.errors as ImportRowError[]) : [];
        setOutcome({ kind: "failed", errors });
      } else {
        const text = e instanceof ApiError ? (e.fields[0]?.message ?? e.message) : t("common.unknownError");
        setOutcome({ kind: "error", message: text });
      }
    } finally {
      setUploading(false);
    }
  };

  const failedRows = outcome?.kind === "failed" ? new Set(outcome.errors.map((e) => e.row)).size : 0;

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t("org.import.title")}
      width={760}
      mask={{ closable: false }}
      footer={
        outcome?.kind === "success" ? (
          <Button type="primary" onClick={onClose}>
            {t("common.close")}
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{t("common.cancel")}</Button>
            <Button type="primary" loading={uploading} disabled={!file} onClick={submit} data-testid="import-submit">
              {t("org.import.submit")}
            </Button>
          </Space>
        )
      }
    >
      {outcome?.kind === "success" ? (
        <Result
          status="success"
          title={t("org.import.success", { count: outcome.imported })}
          subTitle={t("org.import.successHint")}
          data-testid="import-success"
        />
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            {t("org.import.stepTemplate")}
            <Button
              type="link"
              size="small"
              icon={<DownloadOutlined />}
              onClick={() =>
                downloadOrgTemplate().catch((e: Error) =>
                  message.error(t("org.messages.templateFailed", { message: e.message })),
                )
              }
            >
              {t("org.actions.template")}
            </Button>
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t("org.import.stepUpload")}</Typography.Paragraph>
          <Upload.Dragger
            accept=".xlsx"
            maxCount={1}
            multiple={false}
            fileList={fileList}
            beforeUpload={(f) => {
              if (!f.name.toLowerCase().endsWith(".xlsx")) {
                message.error(t("org.import.onlyXlsx"));
                return Upload.LIST_IGNORE;
              }
              if (f.size > MAX_SIZE) {
                message.error(t("org.import.tooLarge"));
                return Upload.LIST_IGNORE;
              }
              setFile(f);
              setOutcome(null);
              return false;
            }}
            onRemove={() => {
              setFile(null);
              return true;
            }}
            data-testid="import-upload"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t("org.import.dragText")}</p>
            <p className="ant-upload-hint">{t("org.import.dragHint")}</p>
          </Upload.Dragger>

          {outcome?.kind === "error" && (
            <Alert
              type="error"
              showIcon
              title={t("org.import.nothingImported")}
              description={outcome.message}
              style={{ marginTop: 16 }}
              data-testid="import-error"
            />
          )}
          {outcome?.kind === "failed" && (
            <div style={{ marginTop: 16 }} data-testid="import-report">
              <Alert
                type="error"
                showIcon
                title={t("org.import.nothingImported")}
                description={t("org.import.failedHint", { rows: failedRows })}
                style={{ marginBottom: 12 }}
              />
              <Table<ImportRowError & { key: number }>
                size="small"
                bordered
                title={() => (
                  <Space>
                    <Typography.Text strong>{t("org.import.errorReport")}</Typography.Text>
                    <Typography.Text type="secondary">
                      {t("org.import.errorCount", { rows: failedRows, count: outcome.errors.length })}
                    </Typography.Text>
                  </Space>
                )}
                dataSource={outcome.errors.map((e, i) => ({ ...e, key: i }))}
                pagination={outcome.errors.length > 10 ? { pageSize: 10, size: "small" } : false}
                columns={[
                  {
                    key: "row",
                    dataIndex: "row",
                    title: t("org.import.row"),
                    width: 100,
                    render: (row: number) => t("org.import.rowLabel", { row }),
                  },
                  { key: "field", dataIndex: "field", title: t("org.import.column"), width: 160 },
                  {
                    key: "message",
                    dataIndex: "message",
                    title: t("org.import.message"),
                    render: (m: string) => <Typography.Text type="danger">{m}</Typography.Text>,
                  },
                ]}
              />
            </div>
          )}
        </>
      )}
    </Modal>
  );
}
