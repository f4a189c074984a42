import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Badge,
  Button,
  Calendar,
  DatePicker,
  Drawer,
  Empty,
  Form,
  Grid,
  Input,
  InputNumber,
  Modal,
  Segmented,
  Space,
  Table,
  Tag,
  TimePicker,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import type { BaseView, BookingView, SessionView } from "../../../contracts/bases";
import { api, type Page } from "../../app/api";
import { FormErrorAlert, useServerForm } from "../../app/components/FormDrawer";
import { refreshBase, useSessions } from "./basesApi";
import { BOOKING_STATUS_LABELS, STATUS_COLORS } from "./labels";
import { basesZh as z } from "./zh-CN";

type SessionForm = { date: Dayjs; time: [Dayjs, Dayjs]; capacity: number; maxPerGroup: number; window: [Dayjs, Dayjs] };

/** Sessions of a base and the bookings on them (approve, decline with a reason, cancel, no-show). */
export function SessionsPanel({ base }: { base: BaseView }) {
  const qc = useQueryClient();
  const { data: sessions = [] } = useSessions(base.id);
  const [view, setView] = useState<"calendar" | "table">("calendar");
  const [opened, setOpen] = useState<SessionView | null>(null);
  // The session as last fetched (its counts move as bookings are decided).
  const open = opened && (sessions.find((x) => x.id === opened.id) ?? opened);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<SessionForm>();
  const { saving, error, run } = useServerForm(form);
  const staff = base.access === "operate";
  const s = z.sessions;
  const b = z.bookings;
  const add = (v: SessionForm) =>
    run(async () => {
      await api.post(`/api/bases/${base.id}/sessions`, {
        date: v.date.format("YYYY-MM-DD"),
        startTime: v.time[0].format("HH:mm"),
        endTime: v.time[1].format("HH:mm"),
        capacity: v.capacity,
        maxPerGroup: v.maxPerGroup,
        opensAt: v.window[0].toISOString(),
        closesAt: v.window[1].toISOString(),
      });
      setAdding(false);
      await refreshBase(qc, base.id);
    });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={view}
          onChange={(v) => setView(v as "calendar" | "table")}
          options={[
            { value: "calendar", label: s.calendarView },
            { value: "table", label: s.tableView },
          ]}
          aria-label={s.view}
        />
        {staff && (
          <Button type="primary" onClick={() => setAdding(true)}>
            {s.add}
          </Button>
        )}
      </Space>
      {view === "calendar" ? (
        <SessionsCalendar base={base} onOpen={setOpen} />
      ) : (
        <>
          <Table
            size="small"
            rowKey="id"
            onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: "pointer" } })}
            dataSource={sessions}
            pagination={{ pageSize: 10 }}
            scroll={{ x: "max-content" }}
            columns={[
              { title: s.date, dataIndex: "date" },
              { title: s.time, render: (_, r) => `${r.startTime}-${r.endTime}` },
              { title: s.capacity, dataIndex: "capacity", align: "right" },
              { title: s.booked, dataIndex: "booked", align: "right" },
              { title: s.remaining, dataIndex: "remaining", align: "right" },
              { title: s.maxPerGroup, dataIndex: "maxPerGroup", align: "right" },
            ]}
          />
          <h4>{b.title}</h4>
          <BookingsTable base={base} />
        </>
      )}
      <Drawer
        rootClassName="bases-session-drawer"
        open={!!open}
        onClose={() => setOpen(null)}
        width={Math.min(900, window.innerWidth)}
        title={
          open && s.sessionTitle.replace("{date}", open.date).replace("{time}", `${open.startTime}-${open.endTime}`)
        }
        destroyOnHidden
      >
        {open && (
          <>
            <p data-testid="session-drawer-summary">
              {s.sessionSummary
                .replace("{booked}", String(open.booked))
                .replace("{capacity}", String(open.capacity))
                .replace("{remaining}", String(open.remaining))}
            </p>
            <BookingsTable base={base} sessionId={open.id} />
          </>
        )}
      </Drawer>
      <Modal
        open={adding}
        title={s.add}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={saving}
      >
        <FormErrorAlert error={error} />
        <Form form={form} layout="vertical" onFinish={add}>
          <Form.Item name="date" label={s.date} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="time" label={s.time} rules={[{ required: true }]}>
            <TimePicker.RangePicker format="HH:mm" minuteStep={5} />
          </Form.Item>
          <Form.Item name="capacity" label={s.capacity} rules={[{ required: true }]}>
            <InputNumber min={1} />
          </Form.Item>
          <Form.Item name="maxPerGroup" label={s.maxPerGroup} rules={[{ required: true }]}>
            <InputNumber min={1} />
          </Form.Item>
          <Form.Item name="window" label={`${s.opensAt} — ${s.closesAt}`} rules={[{ required: true }]}>
            <DatePicker.RangePicker showTime />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** The bookings of a base (or of one session), with the staff's actions on each. */
function BookingsTable({ base, sessionId }: { base: BaseView; sessionId?: string }) {
  const qc = useQueryClient();
  const { modal, message } = App.useApp();
  const staff = base.access === "operate";
  const s = z.sessions;
  const b = z.bookings;
  const bookings = useQuery({
    queryKey: ["bases", base.id, "bookings", sessionId ?? "all"],
    queryFn: () =>
      api.get<Page<BookingView>>(`/api/bases/${base.id}/bookings`, {
        pageSize: 200,
        ...(sessionId ? { sessionId } : {}),
      }),
  });
  const act = async (row: BookingView, action: string, body: unknown = {}) => {
    await api.post(`/api/bases/${base.id}/bookings/${row.id}/${action}`, body);
    await refreshBase(qc, base.id);
    message.success(z.saved);
  };
  const decline = (row: BookingView) => {
    let reason = "";
    modal.confirm({
      title: b.decline,
      content: <Input.TextArea rows={3} placeholder={b.declineReason} onChange={(e) => (reason = e.target.value)} />,
      onOk: () => act(row, "decline", { reason }),
    });
  };
  return (
    <Table
      size="small"
      rowKey="id"
      loading={bookings.isLoading}
      dataSource={bookings.data?.items ?? []}
      scroll={{ x: "max-content" }}
      columns={[
        { title: s.date, render: (_, r) => `${r.sessionDate} ${r.startTime}` },
        { title: b.booker, dataIndex: "bookerOrgName" },
        { title: b.size, dataIndex: "groupSize", align: "right" },
        { title: b.contact, render: (_, r) => `${r.contactName} ${r.contactPhone}` },
        { title: b.code, dataIndex: "trackingCode" },
        {
          title: b.status,
          render: (_, r) => (
            <>
              <Tag color={STATUS_COLORS[r.status]}>{BOOKING_STATUS_LABELS[r.status]}</Tag>
              {r.actualCount !== null && `${b.actual} ${r.actualCount}`} {r.reason}
            </>
          ),
        },
        {
          title: "操作",
          render: (_, r) =>
            staff && (
              <Space size={0}>
                {r.status === "pending" && (
                  <Button type="link" onClick={() => act(r, "approve")}>
                    {b.approve}
                  </Button>
                )}
                {r.status === "pending" && (
                  <Button type="link" danger onClick={() => decline(r)}>
                    {b.decline}
                  </Button>
                )}
                {(r.status === "pending" || r.status === "approved") && (
                  <Button type="link" onClick={() => act(r, "cancel")}>
                    {b.cancel}
                  </Button>
                )}
                {r.status === "approved" && (
                  <Button type="link" onClick={() => act(r, "no-show")}>
                    {b.noShow}
                  </Button>
                )}
              </Space>
            ),
        },
      ]}
    />
  );
}

/** A month of sessions: each day's sessions with booked/capacity people and the bookings waiting for a decision. */
function SessionsCalendar({ base, onOpen }: { base: BaseView; onOpen: (s: SessionView) => void }) {
  const [month, setMonth] = useState<Dayjs>(() => dayjs());
  const [day, setDay] = useState<Dayjs>(() => dayjs());
  const wide = Grid.useBreakpoint().md !== false;
  const s = z.sessions;
  // The weeks the month's grid shows (six rows from the Sunday/Monday before the 1st): ask a little wider.
  const from = month.startOf("month").subtract(7, "day").format("YYYY-MM-DD");
  const to = month.endOf("month").add(14, "day").format("YYYY-MM-DD");
  const sessions = useQuery({
    queryKey: ["bases", base.id, "sessions", from, to],
    queryFn: () => api.get<SessionView[]>(`/api/bases/${base.id}/sessions`, { from, to }),
  });
  const pending = useQuery({
    queryKey: ["bases", base.id, "bookings", "pending", from, to],
    queryFn: () =>
      api.get<Page<BookingView>>(`/api/bases/${base.id}/bookings`, { status: "pending", from, to, pageSize: 200 }),
  });
  const byDay = new Map<string, SessionView[]>();
  for (const x of sessions.data ?? []) byDay.set(x.date, [...(byDay.get(x.date) ?? []), x]);
  const waiting = new Map<string, number>();
  for (const k of pending.data?.items ?? []) waiting.set(k.sessionId, (waiting.get(k.sessionId) ?? 0) + 1);
  const button = (x: SessionView) => {
    const n = waiting.get(x.id) ?? 0;
    const full = x.remaining <= 0;
    return (
      <Button
        size="small"
        type="text"
        block
        data-testid="calendar-session"
        onClick={(e) => {
          e.stopPropagation();
          onOpen(x);
        }}
        aria-label={s.sessionLabel
          .replace("{time}", `${x.startTime}-${x.endTime}`)
          .replace("{booked}", String(x.booked))
          .replace("{capacity}", String(x.capacity))
          .replace("{pending}", String(n))}
        style={{ textAlign: "left", height: "auto", padding: "0 4px", whiteSpace: "normal" }}
      >
        <Badge status={full ? "error" : x.booked > 0 ? "processing" : "default"} />
        <span style={{ fontVariantNumeric: "tabular-nums" }}>
          {x.startTime} {x.booked}/{x.capacity}
        </span>
        {n > 0 && (
          <Tag color="orange" style={{ marginInlineStart: 4, marginInlineEnd: 0 }}>
            {s.pending.replace("{n}", String(n))}
          </Tag>
        )}
      </Button>
    );
  };
  if (!wide) {
    // A phone: the small month (a dot on each day with sessions) and the chosen day's sessions under it.
    const chosen = byDay.get(day.format("YYYY-MM-DD")) ?? [];
    return (
      <>
        <Calendar
          fullscreen={false}
          value={day}
          onChange={(d) => {
            setDay(d);
            setMonth(d);
          }}
          data-testid="sessions-calendar"
          cellRender={(d, info) =>
            info.type === "date" && byDay.has(d.format("YYYY-MM-DD")) ? (
              <Badge
                status={
                  (byDay.get(d.format("YYYY-MM-DD")) ?? []).some((x) => waiting.has(x.id)) ? "warning" : "processing"
                }
              />
            ) : info.type === "date" ? null : (
              info.originNode
            )
          }
        />
        <h4 style={{ marginTop: 12 }}>{day.format("YYYY-MM-DD")}</h4>
        {chosen.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={s.noSessions} />
        ) : (
          <ul style={{ listStyle: "none", margin: 0, padding: 0 }}>
            {chosen.map((x) => (
              <li key={x.id}>{button(x)}</li>
            ))}
          </ul>
        )}
      </>
    );
  }
  return (
    <Calendar
      value={month}
      onPanelChange={(d) => setMonth(d)}
      onSelect={(d, info) => info.source !== "date" && setMonth(d)}
      data-testid="sessions-calendar"
      cellRender={(d, info) => {
        if (info.type !== "date") return info.originNode;
        const today = byDay.get(d.format("YYYY-MM-DD")) ?? [];
        if (today.length === 0) return null;
        return (
          <ul style={{ listStyle: "none", margin: 0, padding: 0 }}>
            {today.map((x) => (
              <li key={x.id}>{button(x)}</li>
            ))}
          </ul>
        );
      }}
    />
  );
}
