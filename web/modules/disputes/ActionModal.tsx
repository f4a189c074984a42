import { Button, Form, Modal } from "antd";
import type { Dayjs } from "dayjs";
import { type ReactNode, useState } from "react";
import { useDisputeWrite } from "./disputesApi";

/** Form values to a request body: dates (dayjs) become YYYY-MM-DD, or full ISO times for the names in `times`. */
export function toBody(values: Record<string, unknown>, times: string[] = []) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === "") continue;
    const d = v as Dayjs;
    out[k] =
      d && typeof d === "object" && "format" in d ? (times.includes(k) ? d.toISOString() : d.format("YYYY-MM-DD")) : v;
  }
  return out;
}

/**
 * A button that opens a one-column form in a modal and posts it: `url` is where, `body` turns the form's values
 * into the request (default: toBody), `done` the success message. Large controls: usable at phone width.
 */
export function ActionModal({
  label,
  title,
  url,
  done,
  body = (v) => toBody(v),
  initialValues,
  danger,
  primary,
  testId,
  children,
}: {
  label: ReactNode;
  title: string;
  url: string;
  done: string;
  body?: (v: Record<string, unknown>) => unknown;
  initialValues?: Record<string, unknown>;
  danger?: boolean;
  primary?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const write = useDisputeWrite(done, () => {
    setOpen(false);
    form.resetFields();
  });
  return (
    <>
      <Button danger={danger} type={primary ? "primary" : "default"} onClick={() => setOpen(true)} data-testid={testId}>
        {label}
      </Button>
      <Modal
        title={title}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText="提交"
        cancelText="取消"
        confirmLoading={write.isPending}
        destroyOnHidden
        width={560}
      >
        <Form
          form={form}
          layout="vertical"
          size="large"
          initialValues={initialValues}
          onFinish={(v) => write.mutate({ url, body: body(v) })}
        >
          {children}
        </Form>
      </Modal>
    </>
  );
}
