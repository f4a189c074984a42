import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Descriptions, Empty, Form, Input, Modal, Space, Typography } from "antd";
import { useState } from "react";
import type { ActivityRef } from "../../../contracts/activities";
import type { RoundView, SubjectView } from "../../../contracts/assessment";
import { api } from "../../app/api";
import { ActivityEvidenceField, ActivityEvidenceLinks } from "../activities/ActivityEvidence";
import { MaterialPicker } from "../materials/MaterialPicker";
import { refreshRound } from "./assessmentApi";

type Values = Record<string, { text: string; materialIds: string[]; activities: ActivityRef[] }>;

/**
 * 填报指标 of one subject. The unit assessed fills them while the round is 数据核对中 — text, files from the
 * library and 佐证活动 (its activity records, 填一次，多处用) — saves or submits (which locks them); everyone who
 * sees the subject (the unit, the organiser, the panel) reads them, each cited record opening through the subject.
 */
export function ReportedModal({
  round,
  subject,
  editable,
  onClose,
}: {
  round: RoundView;
  subject: SubjectView;
  editable: boolean;
  onClose: () => void;
}) {
  const reported = round.indicators.filter((i) => i.kind === "reported");
  const [form] = Form.useForm<Values>();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const base = `/api/assessment-subjects/${subject.id}`;
  const entryOf = (code: string) => subject.reported.find((e) => e.nodeCode === code);

  const save = async (submit: boolean) => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api.put(`${base}/reported`, {
        entries: reported
          .map((i) => ({
            nodeCode: i.nodeCode,
            text: v[i.nodeCode]?.text?.trim() ?? "",
            materialIds: v[i.nodeCode]?.materialIds ?? [],
            activityIds: (v[i.nodeCode]?.activities ?? []).map((a) => a.id),
          }))
          .filter((e) => e.text || e.materialIds.length || e.activityIds.length),
        submit,
      });
      await refreshRound(qc, round.id);
      message.success(submit ? "已提交填报指标" : "已保存");
      onClose();
    } catch (e) {
      // The server names the field (佐证活动, 佐证材料) in its message.
      message.error({ content: (e as Error).message, duration: 8 });
    } finally {
      setBusy(false);
    }
  };

  if (!editable)
    return (
      <Modal open title={`填报指标：${subject.name}`} onCancel={onClose} footer={null} width={720}>
        {subject.reported.length === 0 ? (
          <Empty description="尚未填报" />
        ) : (
          <Descriptions column={1} size="small" bordered data-testid="reported-view">
            {reported.map((i) => {
              const e = entryOf(i.nodeCode);
              return (
                <Descriptions.Item key={i.nodeCode} label={i.title}>
                  <Space orientation="vertical" size={4} style={{ width: "100%" }}>
                    <Typography.Text style={{ whiteSpace: "pre-wrap" }}>{e?.text || "—"}</Typography.Text>
                    {!!e?.activities.length && (
                      <span>
                        <Typography.Text type="secondary">佐证活动：</Typography.Text>
                        <ActivityEvidenceLinks base={base} activities={e.activities} />
                      </span>
                    )}
                  </Space>
                </Descriptions.Item>
              );
            })}
          </Descriptions>
        )}
      </Modal>
    );

  const initial: Values = Object.fromEntries(
    reported.map((i) => {
      const e = entryOf(i.nodeCode);
      return [i.nodeCode, { text: e?.text ?? "", materialIds: e?.materialIds ?? [], activities: e?.activities ?? [] }];
    }),
  );
  return (
    <Modal
      open
      title={`填报指标：${subject.name}`}
      onCancel={onClose}
      width={720}
      footer={
        <Space wrap>
          <Button onClick={onClose}>取消</Button>
          <Button loading={busy} onClick={() => save(false)} data-testid="reported-save">
            保存
          </Button>
          <Button
            type="primary"
            loading={busy}
            data-testid="reported-submit"
            onClick={() =>
              modal.confirm({
                title: "提交填报指标？",
                content: "提交后不能再修改，由评审人员评分。",
                okText: "提交",
                cancelText: "取消",
                onOk: () => save(true),
              })
            }
          >
            提交
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" initialValues={initial} data-testid="reported-form">
        {reported.map((i) => (
          <div key={i.nodeCode}>
            <Typography.Title level={5}>{`${i.nodeCode} ${i.title}（满分 ${i.maxScore}）`}</Typography.Title>
            <Form.Item name={[i.nodeCode, "text"]} label="工作情况">
              <Input.TextArea rows={3} maxLength={4000} showCount />
            </Form.Item>
            <Form.Item name={[i.nodeCode, "materialIds"]} label="佐证材料">
              <MaterialPicker maxCount={20} />
            </Form.Item>
            <Form.Item name={[i.nodeCode, "activities"]} label="佐证活动">
              <ActivityEvidenceField />
            </Form.Item>
          </div>
        ))}
      </Form>
    </Modal>
  );
}
