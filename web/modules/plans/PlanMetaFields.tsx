import { Col, Form, Input, InputNumber, Row, Select } from "antd";
import type { PlanCycle } from "../../../contracts/plans";
import { RegionPicker } from "../../app/components/RegionPicker";
import { t } from "../../app/i18n";
import { options } from "./labels";
import { periodName } from "./shared/periods";

/** The fields a plan's information form holds (create, edit, import). */
export type PlanMetaValues = {
  title: string;
  docNumber?: string;
  regionCode?: string;
  periodStart?: number;
  periodEnd?: number;
  cycle: PlanCycle;
  graceDays: number;
  remindDays: number;
  reportFrom?: string;
};

/** The reporting periods of a plan as the server numbers them (2026Q1, 2026H1, 2026M03, 2026), with their names. */
export function periodOptions(start?: number, end?: number, cycle?: PlanCycle) {
  const keys: string[] = [];
  if (!start || !end || !cycle || end < start || end - start > 30) return [];
  for (let y = start; y <= end; y++) {
    if (cycle === "yearly") keys.push(`${y}`);
    if (cycle === "half_yearly") keys.push(`${y}H1`, `${y}H2`);
    if (cycle === "quarterly") keys.push(`${y}Q1`, `${y}Q2`, `${y}Q3`, `${y}Q4`);
    if (cycle === "monthly") for (let m = 1; m <= 12; m++) keys.push(`${y}M${String(m).padStart(2, "0")}`);
  }
  return keys.map((value) => ({ value, label: periodName(value) }));
}

const f = (key: string) => t(`plans.fields.${key}`);
const required = (key: string) => [{ required: true, message: t("common.required", { field: f(key) }) }];

/**
 * 规划信息 form items, for any antd Form whose values are PlanMetaValues. The client checks only what is
 * required; the rest (period order, 报送起始期 in the plan's periods) is the server's and lands on the field.
 */
export function PlanMetaFields({
  withRegion = false,
  lockCycle = false,
}: {
  withRegion?: boolean;
  lockCycle?: boolean;
}) {
  const form = Form.useFormInstance<PlanMetaValues>();
  const start = Form.useWatch("periodStart", form);
  const end = Form.useWatch("periodEnd", form);
  const cycle = Form.useWatch("cycle", form);
  const periods = periodOptions(start, end, cycle);
  return (
    <Row gutter={16}>
      <Col span={24}>
        <Form.Item name="title" label={f("title")} rules={required("title")}>
          <Input maxLength={200} showCount />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="docNumber" label={f("docNumber")}>
          <Input maxLength={100} placeholder={t("plans.placeholders.docNumber")} />
        </Form.Item>
      </Col>
      {withRegion && (
        <Col xs={24} md={12}>
          <Form.Item name="regionCode" label={f("region")} extra={t("plans.extra.region")}>
            <RegionPicker />
          </Form.Item>
        </Col>
      )}
      <Col xs={12} md={6}>
        <Form.Item name="periodStart" label={f("periodStart")} rules={required("periodStart")}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: "100%" }} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name="periodEnd" label={f("periodEnd")} rules={required("periodEnd")}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: "100%" }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name="cycle"
          label={f("cycle")}
          rules={required("cycle")}
          extra={lockCycle ? t("plans.extra.cycleLocked") : undefined}
        >
          <Select options={options("cycle")} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="reportFrom" label={f("reportFrom")} extra={t("plans.extra.reportFrom")}>
          <Select allowClear showSearch={{ optionFilterProp: "label" }} options={periods} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name="graceDays" label={f("graceDays")} tooltip={t("plans.extra.graceDays")}>
          <InputNumber min={0} max={90} precision={0} suffix={t("plans.units.days")} style={{ width: "100%" }} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name="remindDays" label={f("remindDays")} tooltip={t("plans.extra.remindDays")}>
          <InputNumber min={0} max={90} precision={0} suffix={t("plans.units.days")} style={{ width: "100%" }} />
        </Form.Item>
      </Col>
    </Row>
  );
}

const blank = (v: string | undefined) => {
  const s = (v ?? "").trim();
  return s || null;
};

/** The request fields of a plan's information, as planCreate / importCommit take them. */
export function planMetaBody(v: PlanMetaValues) {
  return {
    title: v.title.trim(),
    docNumber: blank(v.docNumber),
    periodStart: v.periodStart ?? 0,
    periodEnd: v.periodEnd ?? 0,
    cycle: v.cycle,
    graceDays: v.graceDays,
    remindDays: v.remindDays,
    ...(v.reportFrom ? { reportFrom: v.reportFrom } : {}),
    ...(v.regionCode ? { regionCode: v.regionCode } : {}),
  };
}
