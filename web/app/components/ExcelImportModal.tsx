import { DownloadOutlined, InboxOutlined } from "@ant-design/icons";
import { Alert, App, Button, Modal, Space, Table, Typography, Upload } from "antd";
import type { RcFile, UploadFile } from "antd/es/upload";
import type { ReactNode } from "react";
import type { ImportRowError } from "../../../contracts/common";
import { ApiError } from "../api";
import { t } from "../i18n";

/** The largest spreadsheet the import endpoints take. */
export const IMPORT_MAX_SIZE = 5 * 1024 * 1024;

/**
 * The texts of one import, as the keys under an i18n prefix (e.g. "org.import"): dragText, dragHint, onlyXlsx,
 * tooLarge, nothingImported, failedHint, errorReport, errorCount, row, rowLabel, column, message, and fileLevel
 * when the server reports problems of the whole file as row 0.
 */
type Texts = { prefix: string };
const tx = ({ prefix }: Texts, key: string, params?: Record<string, string | number>) => t(`${prefix}.${key}`, params);

/** The row errors of an IMPORT_FAILED answer, or null for any other error. */
export function importRowErrorsOf(e: unknown): ImportRowError[] | null {
  if (!(e instanceof ApiError) || e.code !== "IMPORT_FAILED") return null;
  return Array.isArray(e.details?.errors) ? (e.details.errors as ImportRowError[]) : [];
}

/** Step 1: the hint and the link that downloads the template (its failure shown as a message). */
export function TemplateStep({
  hint,
  linkText,
  download,
  failedText,
  testId,
}: {
  hint: ReactNode;
  linkText: ReactNode;
  download: () => Promise<void>;
  failedText: (message: string) => string;
  testId?: string;
}) {
  const { message } = App.useApp();
  return (
    <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
      {hint}
      <Button
        type="link"
        size="small"
        icon={<DownloadOutlined />}
        onClick={() => download().catch((e: Error) => message.error(failedText(e.message)))}
        data-testid={testId}
      >
        {linkText}
      </Button>
    </Typography.Paragraph>
  );
}

/** The drop zone for one .xlsx file of at most 5 MB; `onChange(null)` when it is removed. */
export function XlsxDragger({
  texts,
  file,
  onChange,
}: {
  texts: Texts;
  file: RcFile | null;
  onChange: (file: RcFile | null) => void;
}) {
  const { message } = App.useApp();
  const fileList: UploadFile[] = file ? [{ uid: file.uid, name: file.name, size: file.size, status: "done" }] : [];
  return (
    <Upload.Dragger
      accept=".xlsx"
      maxCount={1}
      multiple={false}
      fileList={fileList}
      beforeUpload={(f) => {
        if (!f.name.toLowerCase().endsWith(".xlsx")) {
          message.error(tx(texts, "onlyXlsx"));
          return Upload.LIST_IGNORE;
        }
        if (f.size > IMPORT_MAX_SIZE) {
          message.error(tx(texts, "tooLarge"));
          return Upload.LIST_IGNORE;
        }
        onChange(f);
        return false;
      }}
      onRemove={() => {
        onChange(null);
        return true;
      }}
      data-testid="import-upload"
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{tx(texts, "dragText")}</p>
      <p className="ant-upload-hint">{tx(texts, "dragHint")}</p>
    </Upload.Dragger>
  );
}

/** Nothing was imported: the alert and the error report, a row per problem with its sheet row and column. */
export function ImportRowErrorReport({
  texts,
  errors,
  fileLevel = false,
}: {
  texts: Texts;
  errors: ImportRowError[];
  /** Row 0 is the file as a whole (shown with the `fileLevel` text). */
  fileLevel?: boolean;
}) {
  const failedRows = new Set(errors.map((e) => e.row)).size;
  return (
    <div style={{ marginTop: 16 }} data-testid="import-report">
      <Alert
        type="error"
        showIcon
        title={tx(texts, "nothingImported")}
        description={tx(texts, "failedHint", { rows: failedRows })}
        style={{ marginBottom: 12 }}
      />
      <Table<ImportRowError & { key: number }>
        size="small"
        bordered
        title={() => (
          <Space wrap>
            <Typography.Text strong>{tx(texts, "errorReport")}</Typography.Text>
            <Typography.Text type="secondary">
              {tx(texts, "errorCount", { rows: failedRows, count: errors.length })}
            </Typography.Text>
          </Space>
        )}
        dataSource={errors.map((e, i) => ({ ...e, key: i }))}
        pagination={errors.length > 10 ? { pageSize: 10, size: "small" } : false}
        scroll={{ x: 520 }}
        columns={[
          {
            key: "row",
            dataIndex: "row",
            title: tx(texts, "row"),
            width: 100,
            render: (row: number) => (row > 0 || !fileLevel ? tx(texts, "rowLabel", { row }) : tx(texts, "fileLevel")),
          },
          {
            key: "field",
            dataIndex: "field",
            title: tx(texts, "column"),
            width: 140,
            render: (f: string) => f || "—",
          },
          {
            key: "message",
            dataIndex: "message",
            title: tx(texts, "message"),
            render: (m: string) => <Typography.Text type="danger">{m}</Typography.Text>,
          },
        ]}
      />
    </div>
  );
}

/**
 * An import from an .xlsx file in a modal: the 取消 / submit footer (or 关闭 once `done`), and the steps as
 * children (TemplateStep, any fields, XlsxDragger, then the error or ImportRowErrorReport). See
 * web/modules/org/OrgImportModal.tsx.
 */
export function ExcelImportModal({
  open,
  onClose,
  title,
  width,
  submitText,
  busy,
  canSubmit,
  onSubmit,
  done = false,
  destroyOnHidden,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  width: number | Record<string, string | number>;
  submitText: ReactNode;
  busy: boolean;
  canSubmit: boolean;
  onSubmit: () => void;
  done?: boolean;
  destroyOnHidden?: boolean;
  children: ReactNode;
}) {
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={title}
      width={width}
      mask={{ closable: false }}
      destroyOnHidden={destroyOnHidden}
      footer={
        done ? (
          <Button type="primary" onClick={onClose}>
            {t("common.close")}
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{t("common.cancel")}</Button>
            <Button type="primary" loading={busy} disabled={!canSubmit} onClick={onSubmit} data-testid="import-submit">
              {submitText}
            </Button>
          </Space>
        )
      }
    >
      {children}
    </Modal>
  );
}
