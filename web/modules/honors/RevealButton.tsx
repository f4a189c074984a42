import { EyeOutlined } from "@ant-design/icons";
import { App, Button, Input, Modal } from "antd";
import { useState } from "react";
import { api } from "../../app/api";
import { t } from "../../app/i18n";

/** Shows one masked field in full after the user states a reason; the server records the reveal in the audit log. */
export function RevealButton({ url, field, testId }: { url: string; field: string; testId?: string }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [value, setValue] = useState<string | null>(null);
  if (value !== null) return <span data-testid={testId && `${testId}-value`}>{value}</span>;
  const reveal = async () => {
    if (!reason.trim()) return message.warning(t("honors.messages.reasonRequired"));
    try {
      const r = await api.post<{ value: string }>(url, { field, reason: reason.trim() });
      setValue(r.value);
      setOpen(false);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <>
      <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => setOpen(true)} data-testid={testId}>
        {t("honors.actions.reveal")}
      </Button>
      <Modal
        open={open}
        title={t("honors.actions.revealTitle")}
        onCancel={() => setOpen(false)}
        onOk={reveal}
        okButtonProps={{ "data-testid": "reveal-confirm" }}
        destroyOnHidden
      >
        <Input
          placeholder={t("honors.actions.revealReason")}
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="reveal-reason"
        />
      </Modal>
    </>
  );
}
