import {
  AuditOutlined,
  CheckCircleOutlined,
  CloseCircleOutlined,
  DeleteOutlined,
  EditOutlined,
  EnvironmentOutlined,
  FormOutlined,
  RollbackOutlined,
  SendOutlined,
  TeamOutlined,
  UndoOutlined,
} from "@ant-design/icons";
import { App, Button, Space, Tooltip } from "antd";
import { type ReactNode, useState } from "react";
import { useNavigate } from "react-router";
import type { ApplicationDetail } from "../../../../contracts/creation";
import { api } from "../../../app/api";
import { t } from "../../../app/i18n";
import { ApplicationForm } from "./ApplicationForm";
import { ExpertAssignModal, SiteVisitModal } from "./EvaluationModals";
import { tf } from "./shared";
import { type TextAction, TextActionModal } from "./TextActionModal";

const a = (key: string) => tf(`applications.actions.${key}`);
const m = (key: string, params?: Record<string, string | number>) => tf(`applications.modals.${key}`, params);

type Step = {
  key: string;
  label: string;
  icon: ReactNode;
  primary?: boolean;
  danger?: boolean;
  disabledReason?: string;
  run: () => void;
};

/** The level that reviews next, by name, for the confirmation texts. */
function nextLevelName(app: ApplicationDetail, offset: number) {
  const i = app.chain.findIndex((c) => c.state === "current");
  const at = app.chain[Math.max(i, 0) + offset];
  return at?.regionName ?? tf("none");
}

/**
 * The buttons of an application's detail page: only the steps the caller may take now. The server says who
 * the caller is to this application (`can`: applicant, current reviewer, organiser); the status says which
 * step is possible. The server checks both again.
 */
export function ApplicationActions({
  app,
  onChanged,
}: {
  app: ApplicationDetail;
  onChanged: (saved: ApplicationDetail) => void;
}) {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [text, setText] = useState<{ action: TextAction | null; key: number }>({ action: null, key: 0 });
  const [dialog, setDialog] = useState<"edit" | "experts" | "visit" | null>(null);
  const url = `/api/creation/applications/${app.id}`;

  const post = async (path: string, body: object, done: string) => {
    const saved = await api.post<ApplicationDetail>(`${url}/${path}`, body);
    message.success(tf(`applications.messages.${done}`));
    onChanged(saved);
  };
  const ask = (action: TextAction) => setText((s) => ({ action, key: s.key + 1 }));
  const reasonAction = (
    title: string,
    hint: string,
    okText: string,
    path: string,
    done: string,
    danger = true,
  ): TextAction => ({
    title,
    hint,
    field: "reason",
    fieldLabel: m("reason"),
    required: true,
    placeholder: m("reasonPlaceholder"),
    okText,
    danger,
    run: (reason) => post(path, { reason }, done),
  });

  const submit = () => {
    const resubmit = app.status === "returned";
    const selfReady = app.selfSheet?.status === "submitted";
    modal.confirm({
      title: m("submitTitle"),
      content: (
        <>
          <p>
            {resubmit
              ? m("submitHintResubmit", { level: nextLevelName(app, 0) })
              : app.chain.length
                ? m("submitHint", { level: app.chain[0].regionName })
                : m("submitHintFirst")}
          </p>
          {!selfReady && <p style={{ color: "#d46b08" }}>{m("submitSelfMissing")}</p>}
        </>
      ),
      okText: a(resubmit ? "resubmit" : "submit"),
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          await post("submit", {}, "submitted");
        } catch (e) {
          message.error({ content: (e as Error).message, duration: 8 });
        }
      },
    });
  };

  // A draft is deleted, not withdrawn: it goes with its self-assessment, and the unit may apply again.
  const remove = () =>
    modal.confirm({
      title: m("deleteTitle"),
      content: m("deleteHint"),
      okText: a("delete"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          await api.delete(url);
          message.success(tf("applications.messages.deleted"));
          navigate("/creation/applications");
        } catch (e) {
          message.error({ content: (e as Error).message, duration: 8 });
        }
      },
    });

  const experts = (app.experts ?? []).filter((e) => e.status === "active");
  const pending = experts.filter((e) => e.sheetStatus !== "submitted").length;
  const steps: Step[] = [];
  if (app.can.edit) {
    steps.push({ key: "edit", label: a("edit"), icon: <EditOutlined />, run: () => setDialog("edit") });
    if (app.selfSheet)
      steps.push({
        key: "self",
        label: a(app.selfSheet.status === "submitted" ? "viewSelfAssessment" : "selfAssessment"),
        icon: <FormOutlined />,
        run: () => navigate(`/creation/applications/${app.id}/sheets/${app.selfSheet?.id}`),
      });
  }
  if (app.can.submit)
    steps.push({
      key: "submit",
      label: a(app.status === "returned" ? "resubmit" : "submit"),
      icon: <SendOutlined />,
      primary: true,
      run: submit,
    });
  if (app.can.review) {
    steps.push({
      key: "recommend",
      label: a("recommend"),
      icon: <CheckCircleOutlined />,
      primary: true,
      run: () =>
        ask({
          title: m("recommendTitle"),
          hint: m("recommendHint", { next: nextLevelName(app, 1) }),
          field: "opinion",
          fieldLabel: m("opinion"),
          required: false,
          placeholder: m("opinionPlaceholder"),
          okText: a("recommend"),
          run: (opinion) => post("recommend", { opinion }, "recommended"),
        }),
    });
  }
  if (app.can.accept) {
    steps.push({
      key: "accept",
      label: a("accept"),
      icon: <CheckCircleOutlined />,
      primary: true,
      run: () =>
        ask({
          title: m("acceptTitle"),
          hint: m("acceptHint"),
          field: "opinion",
          fieldLabel: m("opinion"),
          required: false,
          placeholder: m("opinionPlaceholder"),
          okText: a("accept"),
          run: (opinion) => post("accept", { opinion }, "accepted"),
        }),
    });
  }
  if (app.can.review || app.can.accept)
    steps.push({
      key: "return",
      label: a("return"),
      icon: <RollbackOutlined />,
      run: () => ask(reasonAction(m("returnTitle"), m("returnHint"), a("return"), "return", "returned", false)),
    });
  if (app.can.manage) {
    if (app.status === "accepted" || app.status === "evaluating") {
      steps.push({
        key: "experts",
        label: a("assignExperts"),
        icon: <TeamOutlined />,
        primary: app.status === "accepted",
        run: () => setDialog("experts"),
      });
      steps.push({ key: "visit", label: a("siteVisit"), icon: <EnvironmentOutlined />, run: () => setDialog("visit") });
    }
    if (app.status === "evaluating")
      steps.push({
        key: "finalize",
        label: a("finalize"),
        icon: <AuditOutlined />,
        primary: true,
        disabledReason: pending > 0 ? m("finalizePending", { count: pending }) : undefined,
        run: () =>
          ask({
            title: m("finalizeTitle"),
            hint: m("finalizeHint"),
            field: "note",
            fieldLabel: m("note"),
            required: false,
            placeholder: m("opinionPlaceholder"),
            okText: a("finalize"),
            run: (note) => post("finalize", { note }, "finalized"),
          }),
      });
    if (["accepted", "evaluating", "approved", "publicized"].includes(app.status))
      steps.push({
        key: "reject",
        label: a("reject"),
        icon: <CloseCircleOutlined />,
        danger: true,
        run: () => ask(reasonAction(m("rejectTitle"), m("rejectHint"), a("reject"), "reject", "rejected")),
      });
  }
  if (app.can.withdraw)
    steps.push({
      key: "withdraw",
      label: a("withdraw"),
      icon: <UndoOutlined />,
      danger: true,
      run: () => ask(reasonAction(m("withdrawTitle"), m("withdrawHint"), a("withdraw"), "withdraw", "withdrawn")),
    });

  if (app.can.delete)
    steps.push({ key: "delete", label: a("delete"), icon: <DeleteOutlined />, danger: true, run: remove });

  const done = (saved: ApplicationDetail) => {
    setDialog(null);
    onChanged(saved);
  };

  return (
    <>
      {steps.length > 0 && (
        <Space wrap data-testid="application-actions">
          {steps.map((s) => {
            const button = (
              <Button
                key={s.key}
                type={s.primary ? "primary" : "default"}
                danger={s.danger}
                icon={s.icon}
                disabled={!!s.disabledReason}
                onClick={s.run}
                data-testid={`action-${s.key}`}
              >
                {s.label}
              </Button>
            );
            return s.disabledReason ? (
              <Tooltip key={s.key} title={s.disabledReason}>
                {button}
              </Tooltip>
            ) : (
              button
            );
          })}
        </Space>
      )}
      <TextActionModal key={text.key} action={text.action} onClose={() => setText((s) => ({ ...s, action: null }))} />
      {dialog === "edit" && <ApplicationForm open application={app} onClose={() => setDialog(null)} onSaved={done} />}
      {dialog === "experts" && <ExpertAssignModal application={app} onClose={() => setDialog(null)} onSaved={done} />}
      {dialog === "visit" && <SiteVisitModal application={app} onClose={() => setDialog(null)} onSaved={done} />}
    </>
  );
}
