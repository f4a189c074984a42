import {
  Col,
  Descriptions,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from "antd";
import { memo } from "react";
import type { GradeScale, NamingLevel } from "../../../contracts/evaluation";
import { t } from "../../app/i18n";
import { levelOptions, useCategories } from "./evaluationDicts";

export type SetMeta = {
  name: string;
  versionLabel: string;
  description: string;
  categories: string[];
  levels: NamingLevel[];
  total: number | null;
  passLine: number | null;
  gradeScale: GradeScale;
};

const oneDecimal = (v: unknown) => typeof v !== "number" || /^\d+(\.\d)?$/.test(String(v));
const twoDecimals = (v: unknown) => typeof v !== "number" || /^\d(\.\d{1,2})?$/.test(String(v));
const GRADES = ["A", "B", "C", "D"] as const;

/** 基本信息 of a set: name, version, where it applies, total and pass line, grade scale. */
export const SetMetaForm = memo(function SetMetaForm({
  form,
  initial,
  editable,
  onChange,
  categoryLabels,
}: {
  form: FormInstance<SetMeta>;
  initial: SetMeta;
  /** The saved set's category names from the server, in the order of `initial.categories`. */
  categoryLabels?: string[];
  editable: boolean;
  onChange: (values: SetMeta) => void;
}) {
  const categories = useCategories();
  if (!editable) {
    const g = initial.gradeScale;
    return (
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        data-testid="set-meta-view"
        items={[
          { key: "name", label: t("evaluation.fields.name"), children: initial.name, span: { xs: 1, md: 2, xl: 2 } },
          { key: "version", label: t("evaluation.fields.versionLabel"), children: initial.versionLabel },
          { key: "total", label: t("evaluation.fields.total"), children: initial.total },
          { key: "passLine", label: t("evaluation.fields.passLine"), children: initial.passLine },
          {
            key: "levels",
            label: t("evaluation.fields.levels"),
            children: initial.levels.map((l) => t(`evaluation.levels.${l}`)).join("、"),
          },
          {
            key: "categories",
            label: t("evaluation.fields.categories"),
            children: initial.categories.length
              ? initial.categories.map((c, i) => <Tag key={c}>{categoryLabels?.[i] ?? categories.labelOf(c)}</Tag>)
              : t("common.all"),
          },
          {
            key: "grades",
            label: t("evaluation.fields.gradeScale"),
            children: GRADES.map((k) => `${k} ${g[k]}`).join(" · "),
          },
          {
            key: "description",
            label: t("evaluation.fields.description"),
            children: initial.description || "—",
          },
        ]}
      />
    );
  }
  return (
    <Form<SetMeta>
      form={form}
      name="indicator-set-meta"
      layout="vertical"
      initialValues={initial}
      disabled={!editable}
      onValuesChange={(_, all) => onChange(all)}
      data-testid="set-meta-form"
    >
      <Row gutter={16}>
        <Col xs={24} md={14} xl={10}>
          <Form.Item
            name="name"
            label={t("evaluation.fields.name")}
            rules={[{ required: true, whitespace: true, message: t("evaluation.form.nameRequired") }]}
          >
            <Input maxLength={100} data-testid="set-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={10} xl={4}>
          <Form.Item
            name="versionLabel"
            label={t("evaluation.fields.versionLabel")}
            rules={[{ required: true, whitespace: true, message: t("evaluation.form.versionRequired") }]}
          >
            <Input maxLength={30} placeholder={t("evaluation.form.versionPlaceholder")} data-testid="set-version" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Form.Item
            name="total"
            label={t("evaluation.fields.total")}
            rules={[
              { required: true, message: t("evaluation.form.totalRequired") },
              {
                validator: async (_, v) => (oneDecimal(v) ? undefined : Promise.reject(t("evaluation.form.onePlace"))),
              },
            ]}
          >
            <InputNumber min={0.5} max={10000} step={1} style={{ width: "100%" }} data-testid="set-total" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Form.Item
            name="passLine"
            label={t("evaluation.fields.passLine")}
            dependencies={["total"]}
            rules={[
              { required: true, message: t("evaluation.form.passLineRequired") },
              {
                validator: async (_, v) => (oneDecimal(v) ? undefined : Promise.reject(t("evaluation.form.onePlace"))),
              },
              ({ getFieldValue }) => ({
                validator: async (_, v) => {
                  const total = getFieldValue("total");
                  if (typeof v === "number" && typeof total === "number" && v > total)
                    throw new Error(t("evaluation.check.passLineHigh", { passLine: v, total }));
                },
              }),
            ]}
          >
            <InputNumber min={0} max={10000} step={1} style={{ width: "100%" }} data-testid="set-passline" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={4}>
          <Form.Item
            name="levels"
            label={t("evaluation.fields.levels")}
            rules={[{ required: true, type: "array", min: 1, message: t("evaluation.form.levelsRequired") }]}
          >
            <Select mode="multiple" options={levelOptions()} data-testid="set-levels" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={10}>
          <Form.Item name="categories" label={t("evaluation.fields.categories")}>
            <Select
              mode="multiple"
              options={categories.options}
              placeholder={t("evaluation.form.categoriesPlaceholder")}
              optionFilterProp="label"
              data-testid="set-categories"
            />
          </Form.Item>
        </Col>
        <Col xs={24} xl={14}>
          <Form.Item
            label={t("evaluation.fields.gradeScale")}
            extra={t("evaluation.editor.gradeHint")}
            style={{ marginBottom: 16 }}
          >
            <Space wrap size={[12, 8]}>
              {GRADES.map((g, i) => (
                <Space key={g} size={4}>
                  <Typography.Text>{g}</Typography.Text>
                  <Form.Item
                    name={["gradeScale", g]}
                    noStyle
                    dependencies={i > 0 ? [["gradeScale", GRADES[i - 1]]] : []}
                    rules={[
                      { required: true, message: t("evaluation.form.twoPlaces") },
                      {
                        validator: async (_, v) => {
                          if (!twoDecimals(v)) throw new Error(t("evaluation.form.twoPlaces"));
                          const above = i > 0 ? form.getFieldValue(["gradeScale", GRADES[i - 1]]) : undefined;
                          if (typeof above === "number" && typeof v === "number" && v > above)
                            throw new Error(t("evaluation.form.gradeOrder"));
                        },
                      },
                    ]}
                  >
                    <InputNumber min={0} max={1} controls={false} style={{ width: 56 }} />
                  </Form.Item>
                </Space>
              ))}
            </Space>
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="description" label={t("evaluation.fields.description")} style={{ marginBottom: 0 }}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
});
