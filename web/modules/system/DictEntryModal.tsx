import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Form, Input, Modal } from "antd";
import type { DictEntryRow } from "../../../contracts/system";
import { api } from "../../app/api";
import { applyServerErrors } from "../../app/components/serverErrors";
import { t } from "../../app/i18n";
import { systemKeys } from "./systemApi";

type EntryForm = { code: string; label: string; labelMn?: string };
const d = (key: string, params?: Record<string, string | number>) => t(`system.dict.${key}`, params);

/** Adds an entry to a dictionary, or renames one (the code never changes once saved). */
export function DictEntryModal({
  type,
  entry,
  onClose,
}: {
  type: string;
  entry: DictEntryRow | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<EntryForm>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: EntryForm) =>
      entry
        ? api.patch(`/api/system/dicts/${type}/${entry.code}`, { label: v.label, labelMn: v.labelMn ?? "" })
        : api.post(`/api/system/dicts/${type}`, { code: v.code, label: v.label, labelMn: v.labelMn || undefined }),
    onSuccess: async () => {
      message.success(d("saved"));
      await qc.invalidateQueries({ queryKey: systemKeys.dicts });
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
      title={entry ? d("form.editTitle", { label: entry.label }) : d("form.title")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<EntryForm>
        form={form}
        layout="vertical"
        initialValues={entry ? { code: entry.code, label: entry.label, labelMn: entry.labelMn ?? "" } : {}}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="code" label={d("form.code")} extra={d("form.codeHelp")} rules={[{ required: true, max: 40 }]}>
          <Input disabled={!!entry} maxLength={40} />
        </Form.Item>
        <Form.Item name="label" label={d("form.label")} rules={[{ required: true, max: 40 }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="labelMn" label={d("form.labelMn")} rules={[{ max: 80 }]}>
          <Input maxLength={80} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
