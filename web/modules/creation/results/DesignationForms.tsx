import { useQuery } from "@tanstack/react-query";
import {
  Alert,
  App,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import type { z } from "zod";
import type { designationDetail, NamingLevel, RevokeReason } from "../../../../contracts/creation";
import { REVOKE_REASON_LABELS, REVOKE_REASONS } from "../../../../contracts/creation";
import type { IndicatorSetSummary } from "../../../../contracts/evaluation";
import { api, type Page } from "../../../app/api";
import { FormDrawer, FormErrorAlert, useServerForm } from "../../../app/components/FormDrawer";
import { OrgPicker } from "../../../app/components/OrgPicker";
import { t } from "../../../app/i18n";
import { MaterialPicker } from "../../materials/MaterialPicker";
import { levelOptions, todayString, tr, useCategories } from "./shared";

export type DesignationDetail = z.infer<typeof designationDetail>;

const label = (key: string) => tr(`designations.fields.${key}`);
const required = (key: string, select = false) => [
  {
    required: true,
    whitespace: !select,
    message: t(select ? "common.select" : "common.required", { field: label(key) }),
  },
];

type RevokeValues = {
  reasonCategory?: RevokeReason;
  docNumber: string;
  /** One file, held as a list by the picker; named as the server names it so its errors land here. */
  materialId: string[];
  note: string;
};

/** 撤销命名: a reason category, the document's 文号, the document itself from the material library, a note. */
export function RevokeModal({
  designation,
  onClose,
  onDone,
}: {
  designation: DesignationDetail | null;
  onClose: () => void;
  onDone: (d: DesignationDetail) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<RevokeValues>();
  const { saving, error, run } = useServerForm(form);

  const submit = (v: RevokeValues) => {
    if (!designation) return;
    return run(async () => {
      const saved = await api.post<DesignationDetail>(`/api/creation/designations/${designation.id}/revoke`, {
        reasonCategory: v.reasonCategory,
        docNumber: v.docNumber.trim(),
        materialId: v.materialId?.[0],
        note: (v.note ?? "").trim(),
      });
      message.success(tr("designations.revoked", { name: saved.unitName }));
      onDone(saved);
    });
  };

  return (
    <Modal
      open={!!designation}
      title={tr("designations.revokeTitle")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={tr("designations.revoke")}
      okButtonProps={{ danger: true, "data-testid": "revoke-submit" }}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      destroyOnHidden
      width={600}
    >
      {designation && (
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Alert
            type="warning"
            showIcon
            title={tr("designations.revokeWarning", { name: designation.unitName, cert: designation.certificateNo })}
          />
          <FormErrorAlert error={error} style={{}} />
          <Form<RevokeValues>
            form={form}
            name="revokeForm"
            layout="vertical"
            onFinish={submit}
            initialValues={{ docNumber: "", materialId: [], note: "" }}
            preserve={false}
            data-testid="revoke-form"
          >
            <Form.Item name="reasonCategory" label={label("revokeReason")} rules={required("revokeReason", true)}>
              <Select
                options={REVOKE_REASONS.map((r) => ({ value: r, label: REVOKE_REASON_LABELS[r] }))}
                placeholder={tr("designations.revokeReasonPlaceholder")}
              />
            </Form.Item>
            <Form.Item name="docNumber" label={label("revokeDocNumber")} rules={required("revokeDocNumber")}>
              <Input maxLength={60} placeholder={tr("designations.revokeDocPlaceholder")} />
            </Form.Item>
            <Form.Item name="materialId" label={label("revokeMaterial")} extra={tr("designations.revokeMaterialExtra")}>
              <MaterialPicker maxCount={1} />
            </Form.Item>
            <Form.Item name="note" label={label("revokeNote")}>
              <Input.TextArea maxLength={1000} showCount autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          </Form>
        </Space>
      )}
    </Modal>
  );
}

/** 复验结论: pass (the validity is extended) or fail (it lapses at its expiry), with a note. */
export function DecideModal({
  target,
  onClose,
  onDone,
}: {
  target: { id: string; passed: boolean; unitName: string; total: number | null } | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const { saving, error, run } = useServerForm(form);
  const submit = (v: { note: string }) => {
    if (!target) return;
    return run(async () => {
      await api.post(`/api/creation/reverifications/${target.id}/decide`, {
        passed: target.passed,
        note: v.note?.trim() || undefined,
      });
      message.success(tr(target.passed ? "designations.reverifyPassedDone" : "designations.reverifyFailedDone"));
      onDone();
    });
  };
  return (
    <Modal
      open={!!target}
      title={target ? tr(target.passed ? "designations.reverifyPass" : "designations.reverifyFail") : ""}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ danger: target ? !target.passed : false }}
      okText={t("common.confirm")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      destroyOnHidden
    >
      {target && (
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Typography.Text>
            {tr(target.passed ? "designations.reverifyPassHint" : "designations.reverifyFailHint", {
              name: target.unitName,
              total: target.total ?? "—",
            })}
          </Typography.Text>
          <FormErrorAlert error={error} style={{}} />
          <Form form={form} name="decideForm" layout="vertical" onFinish={submit} preserve={false}>
            <Form.Item name="note" label={tr("designations.decideNote")}>
              <Input.TextArea maxLength={1000} showCount autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          </Form>
        </Space>
      )}
    </Modal>
  );
}

/** 开始年度自查: the year (from the naming year to this year, those not yet started). */
export function SelfCheckStartModal({
  designation,
  onClose,
  onStarted,
}: {
  designation: DesignationDetail | null;
  onClose: () => void;
  onStarted: (selfCheck: { id: string; sheetId: string; year: number }) => void;
}) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const thisYear = Number(todayString().slice(0, 4));
  const from = designation ? Number(designation.namedOn.slice(0, 4)) : thisYear;
  const taken = new Set(designation?.selfChecks.map((s) => s.year) ?? []);
  const years = Array.from({ length: Math.max(0, thisYear - from + 1) }, (_, i) => thisYear - i).filter(
    (y) => !taken.has(y),
  );
  const [picked, setPicked] = useState<number | null>(null);
  const year = picked !== null && years.includes(picked) ? picked : (years[0] ?? null);
  const submit = async () => {
    if (!designation || year === null) return;
    setSaving(true);
    setError(null);
    try {
      const s = await api.post<{ id: string; sheetId: string; year: number }>(
        `/api/creation/designations/${designation.id}/self-checks`,
        { year },
      );
      setPicked(null);
      onStarted(s);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={!!designation}
      title={tr("designations.selfCheckStartTitle")}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      onOk={submit}
      okText={tr("designations.selfCheckStart")}
      okButtonProps={{ disabled: year === null }}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Typography.Text type="secondary">{tr("designations.selfCheckStartHint")}</Typography.Text>
        {years.length === 0 ? (
          <Alert type="info" showIcon title={tr("designations.selfCheckAllDone")} />
        ) : (
          <Space orientation="vertical" size={4}>
            <Typography.Text>{label("year")}</Typography.Text>
            <Radio.Group
              value={year}
              onChange={(e) => setPicked(e.target.value as number)}
              options={years.map((y) => ({ value: y, label: tr("common.yearLabel", { year: y }) }))}
              optionType="button"
              aria-label={label("year")}
            />
          </Space>
        )}
        <FormErrorAlert error={error} style={{}} />
      </Space>
    </Modal>
  );
}

type RegisterValues = {
  orgId?: string;
  category?: string;
  level?: NamingLevel;
  certificateNo: string;
  docNumber: string;
  namedOn?: Dayjs;
  validityYears: number;
  setId?: string;
};

/** 录入历史命名: a unit named before the platform, so its validity, self-checks, 复验 and counts are managed here. */
export function RegisterDrawer({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: (d: DesignationDetail) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<RegisterValues>();
  const { saving, error, run, clearError } = useServerForm(form);
  const categories = useCategories();
  const category = Form.useWatch("category", form);
  const level = Form.useWatch("level", form);
  const sets = useQuery({
    queryKey: ["indicator-sets-published", category, level],
    queryFn: () =>
      api.get<Page<IndicatorSetSummary>>("/api/indicator-sets", {
        status: "published",
        category,
        level,
        pageSize: 100,
      }),
    enabled: open && !!category,
  });

  const submit = (v: RegisterValues) =>
    run(async () => {
      const saved = await api.post<DesignationDetail>("/api/creation/designations", {
        orgId: v.orgId,
        category: v.category,
        level: v.level,
        certificateNo: v.certificateNo.trim(),
        docNumber: v.docNumber.trim(),
        namedOn: v.namedOn?.format("YYYY-MM-DD"),
        validityYears: v.validityYears ?? 5,
        setId: v.setId,
      });
      message.success(tr("designations.registered", { name: saved.unitName }));
      onSaved(saved);
    });

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={tr("designations.registerTitle")}
      size={640}
      form={form}
      saving={saving}
      error={error}
      submitTestId="register-submit"
      intro={<Typography.Paragraph type="secondary">{tr("designations.registerHint")}</Typography.Paragraph>}
    >
      <Form<RegisterValues>
        form={form}
        name="registerForm"
        layout="vertical"
        initialValues={{ certificateNo: "", docNumber: "", validityYears: 5 }}
        onFinish={submit}
        onValuesChange={(changed: Partial<RegisterValues>) => {
          clearError();
          if ("category" in changed || "level" in changed) form.setFieldsValue({ setId: undefined });
        }}
        data-testid="register-form"
      >
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="orgId" label={label("unit")} rules={required("unit", true)}>
              <OrgPicker placeholder={tr("designations.unitPlaceholder")} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="category" label={label("category")} rules={required("category", true)}>
              <Select
                options={categories.options}
                loading={categories.loading}
                placeholder={tr("common.pleaseSelect")}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="level" label={label("level")} rules={required("level", true)}>
              <Select options={levelOptions} placeholder={tr("common.pleaseSelect")} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="certificateNo"
              label={label("certificateNo")}
              rules={required("certificateNo")}
              extra={tr("designations.certificateExtra")}
            >
              <Input maxLength={40} style={{ fontFamily: "monospace" }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="docNumber" label={label("docNumber")} rules={required("docNumber")}>
              <Input maxLength={60} placeholder={tr("designations.docPlaceholder")} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="namedOn" label={label("namedOn")} rules={required("namedOn", true)}>
              <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.format("YYYY-MM-DD") > todayString()} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="validityYears" label={label("validityYears")} rules={required("validityYears", true)}>
              <InputNumber min={1} max={10} precision={0} style={{ width: "100%" }} suffix={tr("common.years")} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="setId"
              label={label("set")}
              rules={required("set", true)}
              extra={tr("designations.setExtra")}
            >
              <Select
                loading={sets.isFetching}
                options={(sets.data?.items ?? []).map((s) => ({
                  value: s.id,
                  label: `${s.name}（${s.versionLabel}）`,
                }))}
                placeholder={category ? tr("designations.setPlaceholder") : tr("designations.setPickCategory")}
                notFoundContent={tr("designations.noSets")}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
