import { App, Form, Input } from "antd";
import type { OrgAbbreviation, OrgAbbreviationInput } from "../../../contracts/org";
import { api } from "../../app/api";
import { FormDrawer, useServerForm } from "../../app/components/FormDrawer";
import { t } from "../../app/i18n";

type Values = { abbreviation: string; fullForm: string; note: string };

const a = (key: string, params?: Record<string, string | number>) => t(`org.abbreviations.${key}`, params);
const required = (key: string) => [
  { required: true, whitespace: true, message: t("common.required", { field: a(`fields.${key}`) }) },
];

/** Add or change one entry of 单位简称词典. Mount with a new `key` for each opening. */
export function AbbreviationForm({
  open,
  entry,
  onClose,
  onSaved,
}: {
  open: boolean;
  entry: OrgAbbreviation | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, error, run, clearError } = useServerForm(form);

  const submit = (v: Values) => {
    const body: OrgAbbreviationInput = {
      abbreviation: v.abbreviation.trim(),
      fullForm: v.fullForm.trim(),
      note: v.note.trim() || null,
    };
    return run(async () => {
      if (entry) await api.put<OrgAbbreviation>(`/api/org-abbreviations/${entry.id}`, body);
      else await api.post<OrgAbbreviation>("/api/org-abbreviations", body);
      message.success(a(entry ? "updated" : "created", { abbreviation: body.abbreviation, fullForm: body.fullForm }));
      onSaved();
    });
  };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={a(entry ? "editTitle" : "createTitle")}
      form={form}
      saving={saving}
      error={error}
      size={520}
      submitTestId="abbreviation-form-submit"
    >
      <Form<Values>
        name="abbreviationForm"
        form={form}
        layout="vertical"
        initialValues={{
          abbreviation: entry?.abbreviation ?? "",
          fullForm: entry?.fullForm ?? "",
          note: entry?.note ?? "",
        }}
        onFinish={submit}
        onValuesChange={clearError}
        requiredMark
      >
        <Form.Item name="abbreviation" label={a("fields.abbreviation")} rules={required("abbreviation")}>
          <Input maxLength={30} placeholder={a("placeholders.abbreviation")} />
        </Form.Item>
        <Form.Item name="fullForm" label={a("fields.fullForm")} rules={required("fullForm")} extra={a("fullFormHelp")}>
          <Input maxLength={60} placeholder={a("placeholders.fullForm")} />
        </Form.Item>
        <Form.Item name="note" label={a("fields.note")}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
