import { Alert, App, Col, DatePicker, Divider, Form, Input, InputNumber, Row, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { Batch } from "../../../../contracts/creation";
import type { NamingLevel } from "../../../../contracts/evaluation";
import { api } from "../../../app/api";
import { useAuth } from "../../../app/auth";
import { FormDrawer, useServerForm } from "../../../app/components/FormDrawer";
import { t } from "../../../app/i18n";
import { levelLabel, levelsFor, NAMING_LEVEL_CODES, tf, useCategories, usePublishedSets } from "./shared";

type Values = {
  name: string;
  year: number;
  level: NamingLevel;
  categories: string[];
  setId: string | undefined;
  categorySets: Record<string, string | undefined>;
  quota: number | null;
  noticeDays: number;
  validityYears: number;
  prerequisiteLevel: NamingLevel | null;
  submitDeadline: Dayjs | null;
  reviewDeadline: Dayjs | null;
  evaluationDeadline: Dayjs | null;
  namingDeadline: Dayjs | null;
  description: string;
};

const label = (key: string) => tf(`batches.fields.${key}`);
const required = (key: string, select = false) => ({
  required: true,
  message: t(select ? "common.select" : "common.required", { field: label(key) }),
});
const DEADLINES = ["submitDeadline", "reviewDeadline", "evaluationDeadline", "namingDeadline"] as const;
/** Fields the server fixes once the batch has opened. */
const DRAFT_ONLY = ["level", "year", "categories", "setId", "categorySets", "validityYears", "prerequisiteLevel"];

const toDate = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : null);
const fromDate = (s: string | null | undefined) => (s ? dayjs(s) : null);

function initialValues(batch: Batch | null, levels: NamingLevel[]): Partial<Values> {
  if (!batch)
    return {
      year: dayjs().year(),
      level: levels.includes("city") ? "city" : levels[0],
      categories: [],
      categorySets: {},
      quota: null,
      noticeDays: 5,
      validityYears: 5,
      prerequisiteLevel: null,
      description: "",
    };
  return {
    name: batch.name,
    year: batch.year,
    level: batch.level,
    categories: batch.categories,
    setId: batch.setId,
    categorySets: batch.categorySets,
    quota: batch.quota,
    noticeDays: batch.noticeDays,
    validityYears: batch.validityYears,
    prerequisiteLevel: batch.prerequisiteLevel,
    submitDeadline: fromDate(batch.submitDeadline),
    reviewDeadline: fromDate(batch.reviewDeadline),
    evaluationDeadline: fromDate(batch.evaluationDeadline),
    namingDeadline: fromDate(batch.namingDeadline),
    description: batch.description ?? "",
  };
}

/** The request body: everything for a new batch; for an edit only what changed (locked fields never). */
function bodyOf(v: Values, batch: Batch | null) {
  const categorySets = Object.fromEntries(
    Object.entries(v.categorySets ?? {}).filter(([c, id]) => id && v.categories.includes(c)),
  ) as Record<string, string>;
  const full: Record<string, unknown> = {
    name: v.name.trim(),
    year: v.year,
    level: v.level,
    categories: v.categories,
    setId: v.setId,
    categorySets,
    quota: v.quota ?? null,
    noticeDays: v.noticeDays,
    validityYears: v.validityYears,
    prerequisiteLevel: v.prerequisiteLevel ?? null,
    submitDeadline: toDate(v.submitDeadline),
    reviewDeadline: toDate(v.reviewDeadline),
    evaluationDeadline: toDate(v.evaluationDeadline),
    namingDeadline: toDate(v.namingDeadline),
    description: v.description.trim() || null,
  };
  if (!batch) return full;
  const before: Record<string, unknown> = {
    ...batch,
    description: batch.description ?? null,
  };
  const changed = Object.entries(full).filter(
    ([k, value]) =>
      !(batch.status !== "draft" && DRAFT_ONLY.includes(k)) && JSON.stringify(value) !== JSON.stringify(before[k]),
  );
  return Object.fromEntries(changed);
}

/**
 * Create or edit a 申报批次 in a side drawer: level and categories, the indicator set (one default, others per
 * category), quota and rules, the stage deadlines. Once the batch has opened the fields the server fixes are
 * shown disabled. Mount with a new `key` for each opening.
 */
export function BatchForm({
  open,
  batch,
  onClose,
  onSaved,
}: {
  open: boolean;
  batch: Batch | null;
  onClose: () => void;
  onSaved: (batch: Batch) => void;
}) {
  const { me } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, error, run, clearError } = useServerForm(form);
  const ownLevels = levelsFor(me?.user.regionCode ?? "");
  const levels = batch ? [batch.level] : ownLevels;
  const locked = !!batch && batch.status !== "draft";
  const level = Form.useWatch("level", form) as NamingLevel | undefined;
  const chosen = (Form.useWatch("categories", form) as string[] | undefined) ?? [];
  const { categories, labelOf } = useCategories();
  const { sets, loading: setsLoading } = usePublishedSets(level ?? batch?.level);

  const setOptions = (forCategories: string[]) =>
    sets.map((s) => {
      const misfit = s.categories.length ? forCategories.filter((c) => !s.categories.includes(c)) : [];
      return {
        value: s.id,
        label: `${s.name}（${s.versionLabel}）`,
        title: misfit.length
          ? tf("batches.form.setNotForCategory", { categories: misfit.map(labelOf).join("、") })
          : "",
      };
    });

  const submit = (v: Values) =>
    run(async () => {
      const body = bodyOf(v, batch);
      const saved = batch
        ? await api.patch<Batch>(`/api/creation/batches/${batch.id}`, body)
        : await api.post<Batch>("/api/creation/batches", body);
      message.success(tf(batch ? "batches.messages.updated" : "batches.messages.created", { name: saved.name }));
      onSaved(saved);
    });

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={tf(batch ? "batches.form.editTitle" : "batches.form.createTitle")}
      form={form}
      saving={saving}
      error={error}
      submitTestId="batch-form-submit"
      submitDisabled={levels.length === 0}
      intro={
        <>
          {levels.length === 0 && <Alert type="warning" showIcon title={tf("batches.form.noLevel")} />}
          {locked && <Alert type="info" showIcon title={tf("batches.form.lockedHint")} style={{ marginBottom: 16 }} />}
        </>
      }
    >
      <Form<Values>
        name="batchForm"
        form={form}
        layout="vertical"
        initialValues={initialValues(batch, ownLevels)}
        onFinish={submit}
        onValuesChange={clearError}
        data-testid="batch-form"
      >
        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          {tf("batches.form.basics")}
        </Divider>
        <Form.Item name="name" label={label("name")} rules={[{ ...required("name"), whitespace: true }]}>
          <Input maxLength={100} placeholder={tf("batches.form.placeholders.name")} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={12} md={8}>
            <Form.Item name="year" label={label("year")} rules={[required("year")]}>
              <InputNumber min={2000} max={2100} precision={0} disabled={locked} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="level" label={label("level")} rules={[required("level", true)]}>
              <Select
                disabled={locked || levels.length < 2}
                options={levels.map((l) => ({ value: l, label: levelLabel(l) }))}
                onChange={() => form.setFieldsValue({ setId: undefined, categorySets: {} })}
              />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {tf("batches.form.scoring")}
        </Divider>
        <Form.Item name="categories" label={label("categories")} rules={[required("categories", true)]}>
          <Select
            mode="multiple"
            disabled={locked}
            placeholder={tf("batches.form.placeholders.categories")}
            optionFilterProp="label"
            options={categories.map((c) => ({ value: c.code, label: c.label }))}
            data-testid="batch-categories"
          />
        </Form.Item>
        <Form.Item
          name="setId"
          label={label("setId")}
          rules={[required("setId", true)]}
          extra={tf("batches.form.defaultSetExtra")}
        >
          <Select
            disabled={locked}
            loading={setsLoading}
            placeholder={tf("batches.form.placeholders.setId")}
            options={setOptions(chosen)}
            optionRender={(o) => (
              <div>
                <div style={{ whiteSpace: "normal" }}>{o.label}</div>
                {o.data.title && <div style={{ fontSize: 12, color: "#d46b08" }}>{o.data.title}</div>}
              </div>
            )}
            data-testid="batch-set"
          />
        </Form.Item>
        {chosen.length > 0 && (
          <Form.Item label={label("categorySets")} extra={tf("batches.form.categorySetsExtra")}>
            <Row gutter={[12, 8]}>
              {chosen.map((c) => (
                <Col key={c} xs={24} md={12}>
                  <Form.Item name={["categorySets", c]} noStyle>
                    <Select
                      allowClear
                      disabled={locked}
                      prefix={`${labelOf(c)}：`}
                      placeholder={tf("batches.form.categorySetPlaceholder")}
                      options={setOptions([c])}
                      style={{ width: "100%" }}
                    />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </Form.Item>
        )}

        <Divider titlePlacement="start" plain>
          {tf("batches.form.schedule")}
        </Divider>
        <Row gutter={16}>
          {DEADLINES.map((k) => (
            <Col key={k} xs={12} md={6}>
              <Form.Item name={k} label={label(k)} rules={k === "submitDeadline" ? [required(k, true)] : []}>
                <DatePicker style={{ width: "100%" }} />
              </Form.Item>
            </Col>
          ))}
        </Row>

        <Divider titlePlacement="start" plain>
          {tf("batches.form.rules")}
        </Divider>
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Form.Item name="quota" label={label("quota")}>
              <InputNumber
                min={1}
                max={100000}
                precision={0}
                placeholder={tf("batches.form.placeholders.quota")}
                style={{ width: "100%" }}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="noticeDays" label={label("noticeDays")} rules={[required("noticeDays")]}>
              <InputNumber min={1} max={30} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="validityYears" label={label("validityYears")} rules={[required("validityYears")]}>
              <InputNumber min={1} max={10} precision={0} disabled={locked} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="prerequisiteLevel" label={label("prerequisiteLevel")}>
              <Select
                allowClear
                disabled={locked}
                placeholder={tf("batches.form.placeholders.prerequisiteLevel")}
                options={NAMING_LEVEL_CODES.filter((l) => l !== level).map((l) => ({ value: l, label: levelLabel(l) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={label("description")}>
          <Input.TextArea
            maxLength={2000}
            showCount
            autoSize={{ minRows: 3, maxRows: 8 }}
            placeholder={tf("batches.form.placeholders.description")}
          />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
