import { App, Col, Form, Input, InputNumber, Row, Select, Switch } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { ActivityInput, ActivityView } from "../../../contracts/activities";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { FormDrawer, useServerForm } from "../../app/components/FormDrawer";
import { RegionPicker } from "../../app/components/RegionPicker";
import { t } from "../../app/i18n";
import { sendOrQueue, useFormDraft } from "../../app/outbox";
import { MaterialPicker } from "../materials/MaterialPicker";
import { useActivityDicts } from "./activityApi";
import { CoOrgPicker } from "./CoOrgPicker";
import { DateRangeField } from "./DateRangeField";

type Values = {
  typeCode?: string;
  domainCode?: string;
  title: string;
  dates: [Dayjs, Dayjs] | null;
  regionCode?: string;
  address: string;
  coOrgId?: string;
  participants: Record<string, number | null>;
  summary: string;
  photoIds: string[];
  fileIds: string[];
  media: string;
  isPublic: boolean;
  reason: string;
};

const f = (k: string) => t(`activities.fields.${k}`);
const req = (k: string) => [{ required: true, message: t("common.required", { field: f(k) }) }];

function initial(a: ActivityView | null, regionCode: string): Values {
  return {
    typeCode: a?.typeCode,
    domainCode: a?.domainCode,
    title: a?.title ?? "",
    dates: a ? [dayjs(a.startDate), dayjs(a.endDate)] : [dayjs(), dayjs()],
    regionCode: a?.regionCode ?? regionCode,
    address: a?.address ?? "",
    coOrgId: a?.coOrgs[0]?.id,
    participants: Object.fromEntries((a?.participants ?? []).map((p) => [p.code, p.count])),
    summary: a?.summary ?? "",
    photoIds: a?.photos.map((p) => p.id) ?? [],
    fileIds: a?.files.map((p) => p.id) ?? [],
    media: (a?.mediaLinks ?? []).map((m) => `${m.title} ${m.url}`).join("\n"),
    isPublic: a?.isPublic ?? false,
    reason: "",
  };
}

/** "标题 https://…" per line → links; throws the Chinese message of the first bad line. */
function parseMedia(text: string) {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line, i) => {
      const m = /^(.*?)\s*(https?:\/\/\S+)$/.exec(line);
      if (!m) throw new Error(t("activities.messages.mediaBad", { line: i + 1 }));
      return { title: m[1].trim() || m[2], url: m[2] };
    });
}

/**
 * Record or edit an activity, phone first: one column on a phone, photos straight from the camera (uploaded to
 * the unit's material library and chosen), participants as counts per group. `mode` "correct" asks for a reason.
 */
export function ActivityForm({
  open,
  activity,
  mode,
  onClose,
  onSaved,
}: {
  open: boolean;
  activity: ActivityView | null;
  mode: "create" | "edit" | "correct";
  onClose: () => void;
  onSaved: (a: ActivityView) => void;
}) {
  const { message } = App.useApp();
  const { me } = useAuth();
  const [form] = Form.useForm<Values>();
  const { saving, error, run, clearError } = useServerForm(form);
  const dicts = useActivityDicts();
  // A new record is kept on the device while it is filled (weak networks): see app/outbox.ts.
  const draft = useFormDraft<Values>(form, open && mode === "create" && me ? `activity.${me.user.id}` : null, (v) => ({
    ...v,
    dates: v.dates ? [dayjs(v.dates[0]), dayjs(v.dates[1])] : null,
  }));
  const opts = (xs?: { code: string; label: string }[]) => (xs ?? []).map((x) => ({ value: x.code, label: x.label }));

  const submit = (v: Values) =>
    run(async () => {
      let mediaLinks: ActivityInput["mediaLinks"];
      try {
        mediaLinks = parseMedia(v.media);
      } catch (e) {
        form.setFields([{ name: "media", errors: [(e as Error).message] }]);
        return;
      }
      const body: ActivityInput = {
        typeCode: v.typeCode ?? "",
        domainCode: v.domainCode ?? "",
        title: v.title.trim(),
        startDate: v.dates?.[0]?.format("YYYY-MM-DD") ?? "",
        endDate: v.dates?.[1]?.format("YYYY-MM-DD") ?? "",
        regionCode: v.regionCode ?? "",
        address: v.address.trim() || null,
        coOrgIds: v.coOrgId ? [v.coOrgId] : [],
        participants: Object.fromEntries(
          Object.entries(v.participants ?? {}).filter(
            (e): e is [string, number] => typeof e[1] === "number" && e[1] > 0,
          ),
        ),
        summary: v.summary.trim() || null,
        photoIds: v.photoIds ?? [],
        fileIds: v.fileIds ?? [],
        mediaLinks,
        isPublic: v.isPublic,
        ...(activity?.pairId ? { pairId: activity.pairId } : {}),
        ...(activity?.planNodeId ? { planNodeId: activity.planNodeId } : {}),
      };
      if (mode === "create") {
        // Without a network the record waits in the outbox and goes, once, when the network returns.
        const sent = await sendOrQueue<ActivityView>(
          t("activities.messages.outboxLabel", { title: body.title }),
          "POST",
          "/api/activities",
          body,
        );
        draft.clear();
        if (!sent.sent) {
          message.info(t("activities.messages.queuedOffline"));
          onClose();
          return;
        }
        message.success(t("activities.messages.saved"));
        onSaved(sent.result);
        return;
      }
      const saved =
        mode === "edit"
          ? await api.put<ActivityView>(`/api/activities/${activity?.id}`, body)
          : await api.post<ActivityView>(`/api/activities/${activity?.id}/correct`, {
              content: body,
              reason: v.reason.trim(),
            });
      message.success(t("activities.messages.saved"));
      onSaved(saved);
    });

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={t(`activities.actions.${mode === "create" ? "create" : mode === "edit" ? "edit" : "correct"}`)}
      form={form}
      saving={saving}
      error={error}
      submitTestId="activity-form-submit"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial(activity, me?.user.regionCode ?? "")}
        onFinish={submit}
        onValuesChange={(changed, all) => {
          clearError();
          draft.save(changed, all);
        }}
        data-testid="activity-form"
      >
        {mode === "correct" && (
          <Form.Item name="reason" label={f("reason")} rules={req("reason")}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
        <Form.Item name="title" label={f("title")} rules={req("title")}>
          <Input maxLength={100} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="typeCode" label={f("typeCode")} rules={req("typeCode")}>
              <Select options={opts(dicts.data?.types)} loading={dicts.isLoading} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="domainCode" label={f("domainCode")} rules={req("domainCode")}>
              <Select options={opts(dicts.data?.domains)} loading={dicts.isLoading} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="dates" label={f("dates")} rules={req("dates")}>
          <DateRangeField />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="regionCode" label={f("regionCode")} rules={req("regionCode")}>
              <RegionPicker />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="address" label={f("address")}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={f("participants")}>
          <Row gutter={8}>
            {(dicts.data?.groups ?? []).map((g) => (
              <Col xs={12} md={6} key={g.code}>
                <Form.Item name={["participants", g.code]} label={g.label} style={{ marginBottom: 8 }}>
                  <InputNumber min={0} max={1_000_000} precision={0} style={{ width: "100%" }} inputMode="numeric" />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Form.Item>
        <Form.Item name="photoIds" label={f("photoIds")}>
          <MaterialPicker accept="image/*" capture maxCount={30} data-testid="activity-photos" />
        </Form.Item>
        <Form.Item name="summary" label={f("summary")}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
        <Form.Item name="coOrgId" label={f("coOrgIds")}>
          <CoOrgPicker valueName={activity?.coOrgs[0]?.name} />
        </Form.Item>
        <Form.Item name="fileIds" label={f("fileIds")}>
          <MaterialPicker maxCount={30} data-testid="activity-files" />
        </Form.Item>
        <Form.Item name="media" label={f("mediaLinks")}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="isPublic" label={f("isPublic")} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
