import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Space, Table, Tag, TimePicker } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import type { BaseView, BookingView } from "../../../contracts/bases";
import { api, type Page } from "../../app/api";
import { FormErrorAlert, useServerForm } from "../../app/components/FormDrawer";
import { refreshBase, useSessions } from "./basesApi";
import { BOOKING_STATUS_LABELS, STATUS_COLORS } from "./labels";
import { basesZh as z } from "./zh-CN";

type SessionForm = { date: Dayjs; time: [Dayjs, Dayjs]; capacity: number; maxPerGroup: number; window: [Dayjs, Dayjs] };

/** Sessions of a base and the bookings on them (approve, decline with a reason, cancel, no-show). */
export function SessionsPanel({ base }: { base: BaseView }) {
  const qc = useQueryClient();
  const { modal, message } = App.useApp();
  const { data: sessions = [] } = useSessions(base.id);
  const bookings = useQuery({
    queryKey: ["bases", base.id, "bookings"],
    queryFn: () => api.get<Page<BookingView>>(`/api/bases/${base.id}/bookings`, { pageSize: 200 }),
  });
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
    <>
      {staff && (
        <Button type="primary" onClick={() => setAdding(true)} style={{ marginBottom: 12 }}>
          {s.add}
        </Button>
      )}
      <Table
        size="small"
        rowKey="id"
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
