import { App, Col, Divider, Form, Input, InputNumber, Row, Select, Switch } from "antd";
import type { Org, OrgCreate } from "../../../contracts/org";
import { api } from "../../app/api";
import { FormDrawer, useServerForm } from "../../app/components/FormDrawer";
import { OrgPicker } from "../../app/components/OrgPicker";
import { RegionPicker } from "../../app/components/RegionPicker";
import { t } from "../../app/i18n";
import { useOrgTypes } from "./OrgDicts";

type OrgFormValues = {
  name: string;
  shortName: string;
  nameMn: string;
  type: string | undefined;
  regionCode: string | undefined;
  parentId: string | null;
  uscc: string;
  isEthnicAffairsDept: boolean;
  isMemberUnit: boolean;
  address: string;
  contactPhone: string;
  sort: number | null;
};

const blankToNull = (v: string | null | undefined) => {
  const s = (v ?? "").trim();
  return s ? s : null;
};

function initialValues(org: Org | null, regionCode?: string): OrgFormValues {
  return {
    name: org?.name ?? "",
    shortName: org?.shortName ?? "",
    nameMn: org?.nameMn ?? "",
    type: org?.type,
    regionCode: org?.regionCode ?? regionCode,
    parentId: org?.parentId ?? null,
    uscc: org?.uscc ?? "",
    isEthnicAffairsDept: org?.isEthnicAffairsDept ?? false,
    isMemberUnit: org?.isMemberUnit ?? false,
    address: org?.address ?? "",
    contactPhone: org?.contactPhone ?? "",
    sort: org?.sort ?? 0,
  };
}

const label = (key: string) => t(`org.fields.${key}`);
const required = (key: string, select = false) => [
  {
    required: true,
    whitespace: true,
    message: t(select ? "common.select" : "common.required", { field: label(key) }),
  },
];

/**
 * Create or edit an organization in a side drawer. The client only checks required fields; every other
 * rule (USCC check digit, duplicate names, scope) is the server's, and its field errors land under the
 * matching field. Mount with a new `key` for each opening so the form starts fresh.
 */
export function OrgForm({
  open,
  org,
  defaultRegionCode,
  onClose,
  onSaved,
}: {
  open: boolean;
  org: Org | null;
  defaultRegionCode?: string;
  onClose: () => void;
  onSaved: (org: Org) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<OrgFormValues>();
  const { saving, error, run, clearError } = useServerForm(form);
  const types = useOrgTypes();

  const submit = (v: OrgFormValues) => {
    const body: OrgCreate = {
      name: v.name.trim(),
      shortName: blankToNull(v.shortName),
      nameMn: (v.nameMn ?? "").trim(),
      type: v.type ?? "",
      regionCode: v.regionCode ?? "",
      parentId: v.parentId ?? null,
      uscc: blankToNull(v.uscc),
      isEthnicAffairsDept: v.isEthnicAffairsDept,
      isMemberUnit: v.isMemberUnit,
      address: blankToNull(v.address),
      contactPhone: blankToNull(v.contactPhone),
      sort: v.sort ?? 0,
    };
    return run(async () => {
      const saved = org ? await api.patch<Org>(`/api/orgs/${org.id}`, body) : await api.post<Org>("/api/orgs", body);
      message.success(t(org ? "org.form.updated" : "org.form.created", { name: saved.name }));
      onSaved(saved);
    });
  };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={t(org ? "org.form.editTitle" : "org.form.createTitle")}
      form={form}
      saving={saving}
      error={error}
      submitTestId="org-form-submit"
    >
      <Form<OrgFormValues>
        name="orgForm"
        form={form}
        layout="vertical"
        initialValues={initialValues(org, defaultRegionCode)}
        onFinish={submit}
        onValuesChange={clearError}
        requiredMark
        data-testid="org-form"
      >
        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          {t("org.form.basic")}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item name="name" label={label("name")} rules={required("name")}>
              <Input maxLength={100} showCount placeholder={t("org.placeholders.name")} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="shortName" label={label("shortName")}>
              <Input maxLength={50} placeholder={t("org.placeholders.shortName")} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="nameMn" label={label("nameMn")} extra={t("org.extra.nameMn")}>
              <Input maxLength={200} lang="mn-Mong" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="type" label={label("type")} rules={required("type", true)}>
              <Select options={types.options} loading={types.loading} placeholder={t("org.placeholders.type")} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="regionCode" label={label("region")} rules={required("region", true)}>
              <RegionPicker />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="parentId" label={label("parent")}>
              <OrgPicker exclude={org?.id} valueName={org?.parentName} placeholder={t("org.placeholders.parent")} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="uscc"
              label={label("uscc")}
              extra={t("org.extra.uscc")}
              normalize={(v: string) => v?.toUpperCase()}
            >
              <Input maxLength={18} placeholder={t("org.placeholders.uscc")} style={{ fontFamily: "monospace" }} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t("org.form.marks")}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="isEthnicAffairsDept"
              label={label("ethnicDept")}
              valuePropName="checked"
              extra={t("org.extra.ethnicDept")}
            >
              <Switch checkedChildren={t("common.yes")} unCheckedChildren={t("common.no")} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="isMemberUnit"
              label={label("memberUnit")}
              valuePropName="checked"
              extra={t("org.extra.memberUnit")}
            >
              <Switch checkedChildren={t("common.yes")} unCheckedChildren={t("common.no")} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t("org.form.contact")}
        </Divider>
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="address" label={label("address")}>
              <Input.TextArea
                maxLength={200}
                showCount
                autoSize={{ minRows: 2, maxRows: 4 }}
                placeholder={t("org.placeholders.address")}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contactPhone" label={label("contactPhone")}>
              <Input maxLength={20} placeholder={t("org.placeholders.contactPhone")} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="sort" label={label("sort")} extra={t("org.extra.sort")}>
              <InputNumber min={0} max={99999} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
