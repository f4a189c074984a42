import { Alert, App, Col, Form, Input, InputNumber, Row, Select, Typography } from "antd";
import type { RcFile } from "antd/es/upload";
import { useState } from "react";
import type { IndicatorImportError, IndicatorSetView, NamingLevel } from "../../../contracts/evaluation";
import { ApiError, api, download } from "../../app/api";
import {
  ExcelImportModal,
  ImportRowErrorReport,
  importRowErrorsOf,
  TemplateStep,
  XlsxDragger,
} from "../../app/components/ExcelImportModal";
import { applyServerErrors } from "../../app/components/serverErrors";
import { t } from "../../app/i18n";
import { levelOptions, useCategories } from "./evaluationDicts";

const TEXTS = { prefix: "evaluation.import" };

type Values = {
  name: string;
  versionLabel: string;
  levels: NamingLevel[];
  categories: string[];
  total: number;
  passLine: number;
};

export async function downloadIndicatorTemplate() {
  await download("/api/indicator-sets/import-template", undefined, "指标体系导入模板.xlsx");
}

/**
 * A new draft set from an .xlsx sheet in the template's layout. The server reads every row first and
 * creates nothing if any is wrong; the rows in error come back and are listed here with row and column.
 */
export function IndicatorImportModal({
  open,
  onClose,
  onImported,
}: {
  open: boolean;
  onClose: () => void;
  onImported: (set: IndicatorSetView) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const categories = useCategories();
  const [file, setFile] = useState<RcFile | null>(null);
  const [busy, setBusy] = useState(false);
  const [rowErrors, setRowErrors] = useState<IndicatorImportError[] | null>(null);
  const [error, setError] = useState<{ title: string; lines: string[] } | null>(null);

  const submit = async (v: Values) => {
    if (!file) {
      message.warning(t("evaluation.import.chooseFile"));
      return;
    }
    setBusy(true);
    setRowErrors(null);
    setError(null);
    const body = new FormData();
    body.append("name", v.name.trim());
    body.append("versionLabel", v.versionLabel.trim());
    body.append("total", String(v.total));
    body.append("passLine", String(v.passLine));
    body.append("levels", v.levels.join(","));
    body.append("categories", (v.categories ?? []).join(","));
    body.append("file", file, file.name);
    try {
      const set = await api.post<IndicatorSetView>("/api/indicator-sets/import", body);
      onImported(set);
    } catch (e) {
      const errors = importRowErrorsOf(e);
      if (errors) setRowErrors(errors);
      else if (e instanceof ApiError && e.code === "INDICATOR_SET_INVALID") {
        const rest = applyServerErrors(form, e);
        const lines = e.fields.filter((f) => f.field === "nodes").map((f) => `${f.label}：${f.message}`);
        if (rest || lines.length) setError({ title: t("evaluation.import.nothingImported"), lines });
      } else {
        const rest = applyServerErrors(form, e);
        if (rest) setError({ title: t("evaluation.import.nothingImported"), lines: [rest] });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <ExcelImportModal
      open={open}
      onClose={onClose}
      title={t("evaluation.import.title")}
      width={{ xs: "100%", md: 820 }}
      destroyOnHidden
      submitText={t("evaluation.import.submit")}
      busy={busy}
      canSubmit={!!file}
      onSubmit={() => form.submit()}
    >
      <TemplateStep
        hint={t("evaluation.import.stepTemplate")}
        linkText={t("evaluation.actions.template")}
        download={downloadIndicatorTemplate}
        failedText={(m) => t("evaluation.messages.templateFailed", { message: m })}
        testId="import-template"
      />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t("evaluation.import.stepFields")}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        name="indicator-import"
        layout="vertical"
        onFinish={submit}
        initialValues={{ total: 100, passLine: 90, levels: [], categories: [] }}
        disabled={busy}
      >
        <Row gutter={12}>
          <Col xs={24} md={16}>
            <Form.Item
              name="name"
              label={t("evaluation.fields.name")}
              rules={[{ required: true, whitespace: true, message: t("evaluation.form.nameRequired") }]}
            >
              <Input maxLength={100} data-testid="import-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="versionLabel"
              label={t("evaluation.fields.versionLabel")}
              rules={[{ required: true, whitespace: true, message: t("evaluation.form.versionRequired") }]}
            >
              <Input
                maxLength={30}
                placeholder={t("evaluation.form.versionPlaceholder")}
                data-testid="import-version"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              name="total"
              label={t("evaluation.fields.total")}
              rules={[{ required: true, message: t("evaluation.form.totalRequired") }]}
            >
              <InputNumber min={0.5} max={10000} style={{ width: "100%" }} data-testid="import-total" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              name="passLine"
              label={t("evaluation.fields.passLine")}
              rules={[{ required: true, message: t("evaluation.form.passLineRequired") }]}
            >
              <InputNumber min={0} max={10000} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="levels"
              label={t("evaluation.fields.levels")}
              rules={[{ required: true, type: "array", min: 1, message: t("evaluation.form.levelsRequired") }]}
            >
              <Select mode="multiple" options={levelOptions()} data-testid="import-levels" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="categories" label={t("evaluation.fields.categories")}>
              <Select
                mode="multiple"
                options={categories.options}
                optionFilterProp="label"
                placeholder={t("evaluation.form.categoriesPlaceholder")}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t("evaluation.import.stepUpload")}
      </Typography.Paragraph>
      <XlsxDragger
        texts={TEXTS}
        file={file}
        onChange={(f) => {
          setFile(f);
          if (f) {
            setRowErrors(null);
            setError(null);
          }
        }}
      />

      {error && (
        <Alert
          type="error"
          showIcon
          title={error.title}
          description={
            error.lines.length > 0 && (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {error.lines.map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
            )
          }
          style={{ marginTop: 16 }}
          data-testid="import-error"
        />
      )}
      {rowErrors && <ImportRowErrorReport texts={TEXTS} errors={rowErrors} fileLevel />}
    </ExcelImportModal>
  );
}
