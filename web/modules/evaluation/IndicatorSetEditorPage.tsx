import { DownOutlined, UpOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Col, Drawer, Empty, Form, Grid, Result, Row, Skeleton, Space, Typography } from "antd";
import { memo, useCallback, useMemo, useRef, useState } from "react";
import { useNavigate, useParams } from "react-router";
import type { IndicatorSetView } from "../../../contracts/evaluation";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { AuditPanel } from "../../app/components/AuditPanel";
import { StatusTag } from "../../app/components/StatusTag";
import { formatTime } from "../../app/format";
import { t } from "../../app/i18n";
import { useLeaveGuard } from "../../app/useLeaveGuard";
import { CopySetModal } from "./CopySetModal";
import { type Act, BackButton, HeaderActions } from "./EditorActions";
import { inputOf, metaOf, NEW, useDraftBackup } from "./editorDraft";
import { SET_LIST_ID, STATUS_LABELS, setKey } from "./evaluationDicts";
import { IndicatorNodePanel } from "./IndicatorNodePanel";
import { IndicatorTreeCard } from "./IndicatorTreeCard";
import { type SetMeta, SetMetaForm } from "./SetMetaForm";
import { TotalCheck } from "./TotalCheck";
import { emptyTree, fromView, updateNode } from "./treeModel";
import { useSetSave } from "./useSetSave";
import { useTreeEditing } from "./useTreeEditing";

/** 指标体系 page: `evaluation/indicator-sets/:id`, or `…/new` for a set not saved yet. */
export default function IndicatorSetEditorPage() {
  const { id = NEW } = useParams();
  const query = useQuery({
    queryKey: setKey(id),
    queryFn: () => api.get<IndicatorSetView>(`/api/indicator-sets/${id}`),
    enabled: id !== NEW,
  });
  if (id !== NEW && query.isLoading) return <Skeleton active />;
  if (id !== NEW && query.error)
    return (
      <Result
        status="warning"
        title={t("evaluation.editor.loadFailed", { message: (query.error as Error).message })}
        extra={<BackButton />}
      />
    );
  return <Editor key={id} view={id === NEW ? null : (query.data ?? null)} />;
}

/**
 * The editor of one set: its basics (SetMetaForm), the live total check, the tree and the selected node. The tree's
 * edits live in useTreeEditing, saving in useSetSave, the browser draft in useDraftBackup.
 */
function Editor({ view }: { view: IndicatorSetView | null }) {
  const { can } = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const wide = !!Grid.useBreakpoint().lg;
  const [form] = Form.useForm<SetMeta>();
  const initialMeta = useMemo(() => metaOf(view), [view]);
  const [meta, setMeta] = useState<SetMeta>(initialMeta);
  const editing = useTreeEditing(() => (view ? fromView(view.nodes) : emptyTree()), meta.total, meta.passLine);
  const { tree, derived, sel } = editing;
  const [baseline, setBaseline] = useState(() => JSON.stringify(inputOf(initialMeta, tree)));
  const [showAll, setShowAll] = useState(false);
  // On a phone the basics of a saved set start folded; a new set starts with them.
  const [metaFolded, setMetaFolded] = useState(!!view);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [copyOpen, setCopyOpen] = useState(false);

  const published = view?.status === "published";
  const editable = can("evaluation:manage") && !published;
  const current = useMemo(() => JSON.stringify(inputOf(meta, tree)), [meta, tree]);
  const dirty = editable && current !== baseline;
  // Unsaved work is kept in this browser until saved (a draft is only saved once it checks out).
  const draft = useDraftBackup({
    setId: view?.id ?? NEW,
    enabled: can("evaluation:manage") && !published,
    baseline,
    dirty,
    meta,
    tree,
  });
  const restoreBackup = () => {
    if (!draft.backup) return;
    editing.replace(fromView(draft.backup.nodes));
    form.setFieldsValue(draft.backup.meta);
    setMeta(draft.backup.meta);
    draft.taken();
  };

  // Leaving with unsaved changes asks first (in the app and when closing the tab).
  const leaving = useLeaveGuard(dirty, () => ({
    title: t("evaluation.editor.leaveConfirm"),
    content: t("evaluation.editor.leaveHint"),
    okText: t("evaluation.editor.leave"),
    cancelText: t("evaluation.editor.stay"),
  }));

  const persist = useSetSave({
    view,
    form,
    meta,
    tree,
    derived,
    dirty,
    leaving,
    onSaved: (body) => {
      setBaseline(body);
      draft.forget();
    },
    onServerProblems: (problems) => {
      editing.setRemote(problems);
      setShowAll(true);
    },
    onFormProblem: () => setMetaFolded(false),
    onLocalProblems: () => setShowAll(true),
  });

  // Stable handlers for the memoised header and toolbar, doing what the latest render would.
  const handlers = {
    ...editing.ops,
    history: () => setHistoryOpen(true),
    export: () => persist.exportXlsx(),
    copy: () => setCopyOpen(true),
    publish: () => persist.publish(),
    save: () => persist.save(),
  };
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const act: Act = useCallback((key) => handlersRef.current[key](), []);

  const actions = (
    <HeaderActions
      view={view}
      editable={editable}
      canCopy={can("evaluation:manage")}
      dirty={dirty}
      problemCount={derived.problems.length}
      saving={persist.saving}
      publishing={persist.publishing}
      act={act}
    />
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card title={<EditorTitle view={view} dirty={dirty} />} extra={wide ? actions : undefined}>
        {!wide && <div style={{ marginBottom: 16 }}>{actions}</div>}
        {published && (
          <Alert
            type="info"
            showIcon
            title={t("evaluation.editor.readonly")}
            style={{ marginBottom: 16 }}
            data-testid="set-readonly"
          />
        )}
        {!published && !can("evaluation:manage") && (
          <Alert type="info" showIcon title={t("evaluation.editor.noManage")} style={{ marginBottom: 16 }} />
        )}
        <SetInfo view={view} />
        {!wide && (
          <Button
            type="link"
            size="small"
            style={{ paddingInline: 0, marginBottom: metaFolded ? 0 : 8 }}
            icon={metaFolded ? <DownOutlined /> : <UpOutlined />}
            onClick={() => setMetaFolded((f) => !f)}
            data-testid="set-meta-toggle"
          >
            {metaFolded ? t("evaluation.editor.showBasics") : t("evaluation.editor.hideBasics")}
          </Button>
        )}
        {/* Folded on a phone so the tree is near the top; kept mounted, so the form still validates. */}
        <div style={!wide && metaFolded ? { display: "none" } : undefined}>
          <SetMetaForm
            form={form}
            initial={initialMeta}
            editable={editable}
            onChange={setMeta}
            categoryLabels={view?.categoryLabels}
          />
        </div>
      </Card>

      {draft.backup && (
        <Alert
          type="warning"
          showIcon
          data-testid="set-backup"
          title={t("evaluation.editor.backupFound", { time: formatTime(draft.backup.at) })}
          action={
            <Space>
              <Button size="small" type="primary" onClick={restoreBackup} data-testid="set-backup-restore">
                {t("evaluation.editor.backupRestore")}
              </Button>
              <Button size="small" onClick={draft.dismiss}>
                {t("evaluation.editor.backupDiscard")}
              </Button>
            </Space>
          }
        />
      )}

      <TotalCheck
        derived={derived}
        total={meta.total}
        problems={editing.problems}
        showAll={showAll}
        onToggle={() => setShowAll((s) => !s)}
        onPick={editing.reveal}
        error={persist.saveError}
        editable={editable}
      />

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={11} xxl={10}>
          <IndicatorTreeCard editing={editing} editable={editable} wide={wide} act={act} />
        </Col>
        <Col xs={24} lg={13} xxl={14}>
          <Card
            size="small"
            title={t("evaluation.editor.node")}
            style={wide ? { position: "sticky", top: 16 } : undefined}
          >
            {sel ? (
              <IndicatorNodePanel
                node={sel}
                derived={derived}
                editable={editable}
                onChange={(patch, field) => editing.apply(updateNode(tree, sel.uid, patch), `${sel.uid}:${field}`)}
              />
            ) : (
              <Empty description={t("evaluation.editor.noSelection")} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
      </Row>

      <Drawer
        open={historyOpen}
        onClose={() => setHistoryOpen(false)}
        title={t("evaluation.actions.history")}
        size={480}
        destroyOnHidden
      >
        {view && <AuditPanel url={`/api/indicator-sets/${view.id}/history`} />}
      </Drawer>
      {view && (
        <CopySetModal
          open={copyOpen}
          set={view}
          onClose={() => setCopyOpen(false)}
          onCopied={(copy) => {
            setCopyOpen(false);
            qc.setQueryData(setKey(copy.id), copy);
            qc.invalidateQueries({ queryKey: [SET_LIST_ID] });
            navigate(`/evaluation/indicator-sets/${copy.id}`);
          }}
        />
      )}
    </Space>
  );
}

function EditorTitle({ view, dirty }: { view: IndicatorSetView | null; dirty: boolean }) {
  return (
    <Space size={8} wrap>
      <span>{view ? view.name : t("evaluation.editor.newTitle")}</span>
      {view && (
        <Typography.Text type="secondary" style={{ fontWeight: "normal" }}>
          {view.versionLabel}
        </Typography.Text>
      )}
      {view && <StatusTag status={view.status} labels={STATUS_LABELS()} />}
      {dirty && (
        <Typography.Text type="warning" style={{ fontWeight: "normal", fontSize: 13 }} data-testid="set-dirty">
          {t("evaluation.editor.unsaved")}
        </Typography.Text>
      )}
    </Space>
  );
}

/** Owner, version and times, formatted once per version of the set (not on every keystroke). */
const SetInfo = memo(function SetInfo({ view }: { view: IndicatorSetView | null }) {
  if (!view) return null;
  return (
    <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
      {t("evaluation.fields.ownerOrg")}：{view.ownerOrgName} · {t("evaluation.fields.version")} {view.version} ·{" "}
      {t("evaluation.fields.updatedAt")}：{formatTime(view.updatedAt)}
      {view.publishedAt ? ` · ${t("evaluation.fields.publishedAt")}：${formatTime(view.publishedAt)}` : ""}
    </Typography.Paragraph>
  );
});
