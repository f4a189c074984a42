import { Alert, App, Result, Typography } from "antd";
import type { RcFile } from "antd/es/upload";
import { useState } from "react";
import type { ImportRowError } from "../../../contracts/common";
import { ApiError, api, download } from "../../app/api";
import {
  ExcelImportModal,
  ImportRowErrorReport,
  importRowErrorsOf,
  TemplateStep,
  XlsxDragger,
} from "../../app/components/ExcelImportModal";
import { t } from "../../app/i18n";

type Outcome =
  | { kind: "success"; imported: number }
  | { kind: "failed"; errors: ImportRowError[] }
  | { kind: "error"; message: string };

const TEXTS = { prefix: "org.import" };

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
      const errors = importRowErrorsOf(e);
      if (errors) setOutcome({ kind: "failed", errors });
      else {
        const text = e instanceof ApiError ? (e.fields[0]?.message ?? e.message) : t("common.unknownError");
        setOutcome({ kind: "error", message: text });
      }
    } finally {
      setUploading(false);
    }
  };

  return (
    <ExcelImportModal
      open={open}
      onClose={onClose}
      title={t("org.import.title")}
      width={760}
      submitText={t("org.import.submit")}
      busy={uploading}
      canSubmit={!!file}
      onSubmit={submit}
      done={outcome?.kind === "success"}
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
          <TemplateStep
            hint={t("org.import.stepTemplate")}
            linkText={t("org.actions.template")}
            download={downloadOrgTemplate}
            failedText={(m) => t("org.messages.templateFailed", { message: m })}
          />
          <Typography.Paragraph type="secondary">{t("org.import.stepUpload")}</Typography.Paragraph>
          <XlsxDragger
            texts={TEXTS}
            file={file}
            onChange={(f) => {
              setFile(f);
              if (f) setOutcome(null);
            }}
          />
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
          {outcome?.kind === "failed" && <ImportRowErrorReport texts={TEXTS} errors={outcome.errors} />}
        </>
      )}
    </ExcelImportModal>
  );
}
