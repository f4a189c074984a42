import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { beijingDate } from "../../../contracts/dates";
import { CALENDAR_SOURCE_LABELS, SPECIAL_DAY_KIND_LABELS, type SpecialDayRow } from "../../../contracts/system";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { applyServerErrors } from "../../app/components/serverErrors";
import { t } from "../../app/i18n";
import { systemKeys, useCalendarYear, type WorkingDayView } from "./systemApi";

type DayForm = { date: Dayjs; kind: "holiday" | "workday"; name: string };

/** 工作日历 (system administrator): the official days off and 调休 working days, year by year. */
export default function CalendarPage() {
  const thisYear = Number(beijingDate(new Date()).slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const cal = useCalendarYear(year);
  const { can } = useAuth();
  const canEdit = can("system:settings");
  const [editing, setEditing] = useState<SpecialDayRow | "new" | null>(null);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const remove = useMutation({
    mutationFn: (date: string) => api.delete(`/api/system/calendar/${date}`),
    onSuccess: () => {
      message.success(t("system.calendar.removed"));
      return qc.invalidateQueries({ queryKey: systemKeys.calendarAll });
    },
    onError: (e) => message.error((e as Error).message),
  });
  const years = Array.from({ length: 8 }, (_, i) => thisYear - 5 + i);

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card
        title={t("system.calendar.title")}
        extra={
          <Space wrap>
            <span>{t("system.calendar.year")}</span>
            <Select
              aria-label={t("system.calendar.year")}
              value={year}
              onChange={setYear}
              options={years.map((y) => ({ value: y, label: `${y} 年` }))}
              style={{ width: 110 }}
            />
            {canEdit && (
              <Button type="primary" onClick={() => setEditing("new")}>
                {t("system.calendar.add")}
              </Button>
            )}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t("system.calendar.subtitle")}</Typography.Paragraph>
        {cal.data && (
          <Alert
            style={{ marginBottom: 16 }}
            showIcon
            type={cal.data.covered ? "success" : "warning"}
            title={
              cal.data.covered
                ? t("system.calendar.covered", { year, count: cal.data.workingDays })
                : t("system.calendar.notCovered", { year })
            }
          />
        )}
        <Table<SpecialDayRow>
          rowKey="date"
          size="middle"
          loading={cal.isLoading}
          dataSource={cal.data?.days ?? []}
          pagination={false}
          scroll={{ x: 820 }}
          columns={[
            { title: t("system.calendar.columns.date"), dataIndex: "date", width: 120 },
            { title: t("system.calendar.columns.weekday"), dataIndex: "weekday", width: 90 },
            {
              title: t("system.calendar.columns.kind"),
              dataIndex: "kind",
              width: 110,
              render: (k: SpecialDayRow["kind"]) => (
                <Tag color={k === "holiday" ? "red" : "blue"}>{SPECIAL_DAY_KIND_LABELS[k]}</Tag>
              ),
            },
            { title: t("system.calendar.columns.name"), dataIndex: "name", width: 200 },
            {
              title: t("system.calendar.columns.source"),
              dataIndex: "source",
              width: 170,
              render: (s: SpecialDayRow["source"]) => CALENDAR_SOURCE_LABELS[s],
            },
            ...(canEdit
              ? [
                  {
                    title: t("common.actions"),
                    key: "actions",
                    width: 130,
                    render: (_: unknown, r: SpecialDayRow) => (
                      <Space>
                        <Button type="link" size="small" onClick={() => setEditing(r)}>
                          {t("system.calendar.edit")}
                        </Button>
                        {r.source === "manual" && (
                          <Popconfirm
                            title={t("system.calendar.removeConfirm", { date: r.date })}
                            onConfirm={() => remove.mutate(r.date)}
                          >
                            <Button type="link" size="small" danger>
                              {t("system.calendar.remove")}
                            </Button>
                          </Popconfirm>
                        )}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <WorkingDayTool />
      {editing && <DayModal day={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

function DayModal({ day, onClose }: { day: SpecialDayRow | null; onClose: () => void }) {
  const [form] = Form.useForm<DayForm>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: DayForm) =>
      api.put(`/api/system/calendar/${v.date.format("YYYY-MM-DD")}`, { kind: v.kind, name: v.name }),
    onSuccess: async () => {
      message.success(t("system.calendar.saved"));
      await qc.invalidateQueries({ queryKey: systemKeys.calendarAll });
      onClose();
    },
    onError: (e) => {
      const rest = applyServerErrors(form, e);
      if (rest) message.error(rest);
    },
  });
  return (
    <Modal
      open
      title={day ? t("system.calendar.form.editTitle", { date: day.date }) : t("system.calendar.form.title")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<DayForm>
        form={form}
        layout="vertical"
        initialValues={day ? { date: dayjs(day.date), kind: day.kind, name: day.name } : { kind: "holiday" }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="date" label={t("system.calendar.form.date")} rules={[{ required: true }]}>
          <DatePicker style={{ width: "100%" }} disabled={!!day} />
        </Form.Item>
        <Form.Item name="kind" label={t("system.calendar.form.kind")} rules={[{ required: true }]}>
          <Radio.Group
            options={(["holiday", "workday"] as const).map((k) => ({ value: k, label: SPECIAL_DAY_KIND_LABELS[k] }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t("system.calendar.form.name")} rules={[{ required: true, max: 30 }]}>
          <Input placeholder={t("system.calendar.form.namePlaceholder")} maxLength={30} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Works out the N-th working day after a date, and a 公示 window, with the calendar as it stands. */
function WorkingDayTool() {
  const [from, setFrom] = useState<Dayjs>(dayjs());
  const [days, setDays] = useState(5);
  const [asked, setAsked] = useState<{ from: string; days: number } | null>(null);
  const result = useQuery({
    queryKey: ["system", "calendar", "working-day", asked],
    queryFn: () => api.get<WorkingDayView>("/api/system/calendar/working-day", asked ?? {}),
    enabled: !!asked,
  });
  const r = result.data;
  return (
    <Card title={t("system.calendar.tool.title")}>
      <Space wrap>
        <span>{t("system.calendar.tool.from")}</span>
        <DatePicker value={from} onChange={(d) => d && setFrom(d)} allowClear={false} />
        <span>{t("system.calendar.tool.days")}</span>
        <InputNumber min={1} max={365} value={days} onChange={(v) => setDays(v ?? 1)} />
        <Button onClick={() => setAsked({ from: from.format("YYYY-MM-DD"), days })}>
          {t("system.calendar.tool.run")}
        </Button>
      </Space>
      {result.error && <Alert style={{ marginTop: 16 }} type="error" title={(result.error as Error).message} />}
      {r && (
        <div style={{ marginTop: 16 }} data-testid="working-day-result">
          <Typography.Paragraph strong>
            {t("system.calendar.tool.result", { from: r.from, days: r.days, date: r.date })}
          </Typography.Paragraph>
          <Typography.Paragraph>
            {t("system.calendar.tool.window", { from: r.from, days: r.days, ...r.window })}
          </Typography.Paragraph>
          {r.skipped.length > 0 && (
            <Typography.Paragraph type="secondary">
              {t("system.calendar.tool.skipped")}
              {r.skipped.map((s) => `${s.date} ${s.name}（${SPECIAL_DAY_KIND_LABELS[s.kind]}）`).join("；")}
            </Typography.Paragraph>
          )}
        </div>
      )}
    </Card>
  );
}
