import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import type { BaseView, BookingView } from "../../../contracts/bases";
import { FormErrorAlert, useServerForm } from "../../app/components/FormDrawer";
import { sendOrQueue } from "../../app/outbox";
import { refreshBase } from "./basesApi";
import { basesZh as z } from "./zh-CN";

/** On the day: check a group in by its booking code with the actual count; record walk-ins. Phone-width friendly. */
export function CheckInPanel({ base }: { base: BaseView }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ code: string; actualCount: number }>();
  const [walkForm] = Form.useForm<{ date: Dayjs; count: number }>();
  const checkIn = useServerForm(form);
  const walk = useServerForm(walkForm);
  const [done, setDone] = useState<BookingView | null>(null);
  const c = z.checkIn;
  if (base.access !== "operate") return null;
  return (
    <div style={{ maxWidth: 420 }}>
      <Card size="small" title={c.submit} style={{ marginBottom: 16 }}>
        <FormErrorAlert error={checkIn.error} />
        {done && (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 12 }}
            title={c.done.replace("{org}", done.bookerOrgName).replace("{n}", String(done.actualCount))}
          />
        )}
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            checkIn.run(async () => {
              // Without a network the check-in waits in the outbox and goes once when the network returns.
              const code = v.code.trim().toUpperCase();
              const sent = await sendOrQueue<BookingView>(
                c.outboxLabel.replace("{code}", code),
                "POST",
                `/api/bases/${base.id}/check-in`,
                { ...v, code },
              );
              form.resetFields();
              if (!sent.sent) {
                setDone(null);
                message.info(c.queuedOffline);
                return;
              }
              setDone(sent.result);
              await refreshBase(qc, base.id);
            })
          }
        >
          <Form.Item name="code" label={c.code} rules={[{ required: true }]}>
            <Input size="large" maxLength={10} autoComplete="off" />
          </Form.Item>
          <Form.Item name="actualCount" label={c.actual} rules={[{ required: true }]}>
            <InputNumber size="large" min={0} style={{ width: "100%" }} />
          </Form.Item>
          <Button type="primary" size="large" block htmlType="submit" loading={checkIn.saving}>
            {c.submit}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={c.walkIns}>
        <FormErrorAlert error={walk.error} />
        <Form
          form={walkForm}
          layout="vertical"
          initialValues={{ date: dayjs() }}
          onFinish={(v) =>
            walk.run(async () => {
              const date = v.date.format("YYYY-MM-DD");
              const sent = await sendOrQueue(
                c.walkInsOutboxLabel.replace("{date}", date),
                "PUT",
                `/api/bases/${base.id}/walk-ins`,
                {
                  date,
                  count: v.count,
                },
              );
              if (!sent.sent) {
                message.info(c.queuedOffline);
                return;
              }
              message.success(z.saved);
              await refreshBase(qc, base.id);
            })
          }
        >
          <Form.Item name="date" label={c.date} rules={[{ required: true }]}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="count" label={c.count} rules={[{ required: true }]}>
            <InputNumber min={0} style={{ width: "100%" }} />
          </Form.Item>
          <Button block htmlType="submit" loading={walk.saving}>
            {c.saveWalkIns}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
