import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Input, Modal, Space, Typography } from "antd";
import { useState } from "react";
import { PERSONAL_FIELD_LABELS, type PersonalField } from "../../../contracts/services";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { refreshServices } from "./servicesApi";

/**
 * A masked personal field with 查看 for holders of service:reveal: the reason is asked for, the server records the
 * access (the person sees it through the tracking code) and writes it to the audit chain; the value shows here only.
 */
export function RevealField({
  url,
  field,
  masked,
  requestId,
}: {
  /** The reveal route: /api/services/requests/:id/reveal or /api/services/files/:id/reveal. */
  url: string;
  field: PersonalField;
  masked: string | null;
  requestId?: string;
}) {
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState("");
  const [value, setValue] = useState<string | null>(null);
  const reveal = useMutation({
    mutationFn: () => api.post<{ value: string | null }>(url, { field, reason: reason.trim() }),
    onSuccess: async (r) => {
      setValue(r.value ?? "（未填写）");
      setAsking(false);
      setReason("");
      await refreshServices(qc, requestId);
    },
    onError: (e: Error) => message.error(e.message),
  });
  if (!masked) return <span>—</span>;
  if (value !== null) return <Typography.Text strong>{value}</Typography.Text>;
  return (
    <Space size={4} wrap>
      <span>{masked}</span>
      {can("service:reveal") && (
        <Button size="small" type="link" onClick={() => setAsking(true)}>
          查看
        </Button>
      )}
      <Modal
        title={`查看${PERSONAL_FIELD_LABELS[field]}`}
        open={asking}
        onCancel={() => setAsking(false)}
        okText="查看"
        okButtonProps={{ disabled: reason.trim().length < 2, loading: reveal.isPending }}
        onOk={() => reveal.mutate()}
      >
        <p>查看将记入访问记录和审计日志，服务对象凭查询码可以看到。请说明理由：</p>
        <Input
          autoFocus
          maxLength={100}
          value={reason}
          placeholder="如：电话联系告知办理进度"
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Space>
  );
}
