import {
  ArrowDownOutlined,
  ArrowLeftOutlined,
  ArrowUpOutlined,
  CopyOutlined,
  DeleteOutlined,
  DownloadOutlined,
  DownOutlined,
  HistoryOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  PlusOutlined,
  SaveOutlined,
  SendOutlined,
  SubnodeOutlined,
  UndoOutlined,
  UpOutlined,
} from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Drawer,
  Empty,
  Form,
  Grid,
  Popconfirm,
  Result,
  Row,
  Skeleton,
  Space,
  Tooltip,
  Typography,
} from "antd";
import { memo, type ReactNode, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useBeforeUnload, useBlocker, useNavigate, useParams } from "react-router";
import { DEFAULT_GRADE_SCALE, type IndicatorSetInput, type IndicatorSetView } from "../../../contracts/evaluation";
import { ApiError, api, download } from "../../app/api";
import { useAuth } from "../../app/auth";
import { AuditPanel } from "../../app/components/AuditPanel";
import { StatusTag } from "../../app/components/StatusTag";
import { applyServerErrors } from "../../app/components/serverErrors";
import { formatTime } from "../../app/format";
import { t } from "../../app/i18n";
import { CopySetModal } from "./CopySetModal";
import { SET_LIST_ID, STATUS_LABELS, setKey } from "./evaluationDicts";
import { IndicatorNodePanel } from "./IndicatorNodePanel";
import { createTreeStore, IndicatorTree, shapeOf } from "./IndicatorTree";
import { type SetMeta, SetMetaForm } from "./SetMetaForm";
import {
  addChild,
  addSibling,
  type Derived,
  derive,
  descendants,
  duplicate,
  emptyTree,
  fmtTenths,
  fromView,
  indent,
  moveNode,
  outdent,
  type Problem,
  removeNode,
  shift,
  type Tree,
  toInput,
  toTenths,
  updateNode,
} from "./treeModel";

const NEW = "new";

function metaOf(view: IndicatorSetView | null): SetMeta {
  return {
    name: view?.name ?? "",
    versionLabel: view?.versionLabel ?? "",
    description: view?.description ?? "",
    categories: view?.categories ?? [],
    levels: view?.levels ?? [],
    total: view?.total ?? 100,
    passLine: view?.passLine ?? 90,
    gradeScale: view?.gradeScale ?? { ...DEFAULT_GRADE_SCALE },
  };
}

function inputOf(meta: SetMeta, tree: Tree): IndicatorSetInput {
  return {
    name: (meta.name ?? "").trim(),
    versionLabel: (meta.versionLabel ?? "").trim(),
    ...(meta.description?.trim() ? { description: meta.description.trim() } : {}),
    categories: meta.categories ?? [],
    levels: meta.levels ?? [],
    total: meta.total ?? 0,
    passLine: meta.passLine ?? 0,
    gradeScale: meta.gradeScale,
    nodes: toInput(tree),
  };
}

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

function BackButton() {
  const navigate = useNavigate();
  return (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate("/evaluation/indicator-sets")}>
      {t("evaluation.actions.back")}
    </Button>
  );
}

/** Unsaved edits of one set (or of a new one), kept in localStorage. */
type Backup = { at: string; meta: SetMeta; nodes: IndicatorSetInput["nodes"] };

function readBackup(key: string, baseline: string): Backup | null {
  try {
    const b = JSON.parse(localStorage.getItem(key) ?? "null") as Backup | null;
    if (!b?.meta || !Array.isArray(b.nodes)) return null;
    // Nothing to offer when it is what the server already has.
    if (JSON.stringify(inputOf(b.meta, fromView(b.nodes))) === baseline) return null;
    return b;
  } catch {
    return null;
  }
}

function writeBackup(key: string, b: Backup) {
  try {
    localStorage.setItem(key, JSON.stringify(b));
  } catch {
    // Storage full or disabled: the editor works without the backup.
  }
}

/** What the server lists in an INDICATOR_SET_INVALID error (scoring.ts IndicatorProblem). */
type ServerProblem = { code: string | null; field?: string; message: string };

/** Server problems (INDICATOR_SET_INVALID) onto the nodes they name, by code. */
function serverProblems(e: unknown, derived: Derived): Problem[] | null {
  if (!(e instanceof ApiError) || e.code !== "INDICATOR_SET_INVALID") return null;
  const list = (e.details?.problems ?? []) as ServerProblem[];
  const byCode = new Map([...derived.code].map(([uid, code]) => [code, uid]));
  return list.map((p) => ({
    uid: p.code ? (byCode.get(p.code) ?? null) : null,
    field: (p.field ?? "tree") as Problem["field"],
    message: p.message,
  }));
}

function Editor({ view }: { view: IndicatorSetView | null }) {
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const wide = !!screens.lg;
  const [form] = Form.useForm<SetMeta>();
  const initialMeta = useMemo(() => metaOf(view), [view]);
  const [meta, setMeta] = useState<SetMeta>(initialMeta);
  const [tree, setTree] = useState<Tree>(() => (view ? fromView(view.nodes) : emptyTree()));
  const [undo, setUndo] = useState<Tree[]>([]);
  const lastEdit = useRef<{ key: string; at: number } | null>(null);
  const [selected, setSelected] = useState<string | null>(() => tree.roots[0] ?? null);
  const [expanded, setExpanded] = useState<string[]>(() =>
    Object.values(tree.nodes)
      .filter((n) => n.children.length)
      .map((n) => n.uid),
  );
  const [baseline, setBaseline] = useState(() => JSON.stringify(inputOf(initialMeta, tree)));
  const [saving, setSaving] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [remote, setRemote] = useState<Problem[] | null>(null);
  const [showAll, setShowAll] = useState(false);
  // On a phone the basics of a saved set start folded; a new set starts with them.
  const [metaFolded, setMetaFolded] = useState(!!view);
  // Unsaved work is kept in this browser until saved (a draft is only saved once it checks out).
  const backupKey = `shiliu.indicatorDraft.${view?.id ?? NEW}`;
  const [backup, setBackup] = useState<Backup | null>(() =>
    can("evaluation:manage") && view?.status !== "published" ? readBackup(backupKey, baseline) : null,
  );
  const [historyOpen, setHistoryOpen] = useState(false);
  const [copyOpen, setCopyOpen] = useState(false);

  const published = view?.status === "published";
  const editable = can("evaluation:manage") && !published;
  const derived = useMemo(() => derive(tree, meta.total, meta.passLine), [tree, meta.total, meta.passLine]);
  // The tree rows read the tree through this store, so typing re-renders only the rows it changes.
  const [store] = useState(() => createTreeStore({ tree, derived }));
  store.stage({ tree, derived });
  // biome-ignore lint/correctness/useExhaustiveDependencies: tell the rows whenever the tree or its checks change
  useLayoutEffect(() => store.notify(), [store, tree, derived]);
  const shape = useMemo(() => shapeOf(tree), [tree]);
  const current = useMemo(() => JSON.stringify(inputOf(meta, tree)), [meta, tree]);
  const dirty = editable && current !== baseline;
  useEffect(() => {
    if (!dirty || backup) return;
    const h = setTimeout(
      () => writeBackup(backupKey, { at: new Date().toISOString(), meta, nodes: toInput(tree) }),
      800,
    );
    return () => clearTimeout(h);
  }, [dirty, backup, backupKey, meta, tree]);
  const restoreBackup = () => {
    if (!backup) return;
    const restored = fromView(backup.nodes);
    apply(restored);
    setExpanded(
      Object.values(restored.nodes)
        .filter((n) => n.children.length)
        .map((n) => n.uid),
    );
    setSelected(restored.roots[0] ?? null);
    form.setFieldsValue(backup.meta);
    setMeta(backup.meta);
    setBackup(null);
  };
  const discardBackup = () => {
    localStorage.removeItem(backupKey);
    setBackup(null);
  };

  // Leaving with unsaved changes asks first (in the app and when closing the tab).
  const leaving = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      !leaving.current && dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  useBeforeUnload(
    useCallback(
      (e: BeforeUnloadEvent) => {
        if (dirty) e.preventDefault();
      },
      [dirty],
    ),
  );
  const { modal } = App.useApp();
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    modal.confirm({
      title: t("evaluation.editor.leaveConfirm"),
      content: t("evaluation.editor.leaveHint"),
      okText: t("evaluation.editor.leave"),
      cancelText: t("evaluation.editor.stay"),
      okButtonProps: { danger: true },
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal]);

  /** One edit. Typing into the same field of the same node within a moment is one undo step. */
  const apply = (next: Tree, coalesce?: string) => {
    if (next === tree) return;
    const now = Date.now();
    const same = coalesce && lastEdit.current?.key === coalesce && now - lastEdit.current.at < 1500;
    if (!same) setUndo((u) => [...u.slice(-49), tree]);
    lastEdit.current = coalesce ? { key: coalesce, at: now } : null;
    setTree(next);
    setRemote(null);
  };
  const select = (uid: string | null, parentToOpen?: string | null) => {
    setSelected(uid);
    if (parentToOpen) setExpanded((e) => (e.includes(parentToOpen) ? e : [...e, parentToOpen]));
  };

  const sel = selected && tree.nodes[selected] ? tree.nodes[selected] : null;
  const selParent = sel ? (derived.parent.get(sel.uid) ?? null) : null;
  const siblings = sel ? (selParent === null ? tree.roots : tree.nodes[selParent].children) : [];
  const index = sel ? siblings.indexOf(sel.uid) : -1;

  const ops = {
    addRoot: () => {
      const r = addChild(tree, null, { method: "score" });
      apply(r.tree);
      select(r.uid);
    },
    addChild: () => {
      if (!sel) return;
      const r = addChild(tree, sel.uid);
      apply(r.tree);
      select(r.uid, sel.uid);
    },
    addSibling: () => {
      if (!sel) return;
      const r = addSibling(tree, sel.uid);
      apply(r.tree);
      select(r.uid);
    },
    duplicate: () => {
      if (!sel) return;
      const r = duplicate(tree, sel.uid);
      apply(r.tree);
      select(r.uid);
    },
    up: () => sel && apply(shift(tree, sel.uid, -1)),
    down: () => sel && apply(shift(tree, sel.uid, 1)),
    indent: () => {
      if (!sel || index <= 0) return;
      apply(indent(tree, sel.uid));
      select(sel.uid, siblings[index - 1]);
    },
    outdent: () => sel && apply(outdent(tree, sel.uid)),
    remove: () => {
      if (!sel) return;
      const nextSel = siblings[index + 1] ?? siblings[index - 1] ?? selParent;
      apply(removeNode(tree, sel.uid));
      select(nextSel ?? null);
    },
    undo: () => {
      const prev = undo[undo.length - 1];
      if (!prev) return;
      setUndo((u) => u.slice(0, -1));
      lastEdit.current = null;
      setTree(prev);
      if (selected && !prev.nodes[selected]) setSelected(prev.roots[0] ?? null);
    },
  };

  const moveNow = (uid: string, target: string, where: "before" | "after" | "inside" | "first") => {
    if (where === "first") {
      const first = tree.nodes[target].children[0];
      apply(first ? moveNode(tree, uid, first, "before") : moveNode(tree, uid, target, "inside"));
    } else apply(moveNode(tree, uid, target, where));
    if (where === "inside" || where === "first") select(uid, target);
    else select(uid);
  };

  // A stable drag-and-drop handler for the memoised tree, doing what the latest render would.
  const moveRef = useRef(moveNow);
  moveRef.current = moveNow;
  const onMove = useCallback(
    (uid: string, target: string, where: "before" | "after" | "inside" | "first") =>
      moveRef.current(uid, target, where),
    [],
  );

  const problems = remote ?? derived.problems;

  const save = async () => {
    setSaveError(null);
    try {
      await form.validateFields();
    } catch {
      setMetaFolded(false);
      return;
    }
    if (derived.problems.length) {
      message.error(t("evaluation.messages.fixFirst", { count: derived.problems.length }));
      setShowAll(true);
      return;
    }
    setSaving(true);
    const body = inputOf(meta, tree);
    try {
      const saved = view
        ? await api.put<IndicatorSetView>(`/api/indicator-sets/${view.id}`, body)
        : await api.post<IndicatorSetView>("/api/indicator-sets", body);
      qc.setQueryData(setKey(saved.id), saved);
      qc.invalidateQueries({ queryKey: [SET_LIST_ID] });
      setBaseline(JSON.stringify(body));
      localStorage.removeItem(backupKey);
      if (view) message.success(t("evaluation.messages.saved"));
      else {
        message.success(t("evaluation.messages.created", { name: saved.name }));
        // Saved: on to the set's own address (the unsaved-changes guard has not seen the save yet).
        leaving.current = true;
        navigate(`/evaluation/indicator-sets/${saved.id}`, { replace: true });
      }
    } catch (e) {
      const fromServer = serverProblems(e, derived);
      if (fromServer) {
        setRemote(fromServer);
        setShowAll(true);
        setSaveError(t("evaluation.messages.serverProblems"));
      } else {
        setSaveError(applyServerErrors(form, e));
        setMetaFolded(false);
      }
    } finally {
      setSaving(false);
    }
  };

  const publish = async () => {
    if (!view) return;
    if (dirty) {
      message.warning(t("evaluation.messages.saveFirst"));
      return;
    }
    setPublishing(true);
    try {
      const saved = await api.post<IndicatorSetView>(`/api/indicator-sets/${view.id}/publish`);
      qc.setQueryData(setKey(saved.id), saved);
      qc.invalidateQueries({ queryKey: [SET_LIST_ID] });
      message.success(t("evaluation.messages.published", { name: saved.name }));
    } catch (e) {
      const fromServer = serverProblems(e, derived);
      if (fromServer) setRemote(fromServer);
      message.error({ content: (e as Error).message, duration: 6 });
    } finally {
      setPublishing(false);
    }
  };

  const exportXlsx = () =>
    view &&
    download(`/api/indicator-sets/${view.id}/export`, undefined, `${view.name}.xlsx`).catch((e: Error) =>
      message.error(t("evaluation.messages.exportFailed", { message: e.message })),
    );

  // Times are formatted once per version of the set, not on every keystroke.
  const info = useMemo(
    () =>
      view && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t("evaluation.fields.ownerOrg")}：{view.ownerOrgName} · {t("evaluation.fields.version")} {view.version} ·{" "}
          {t("evaluation.fields.updatedAt")}：{formatTime(view.updatedAt)}
          {view.publishedAt ? ` · ${t("evaluation.fields.publishedAt")}：${formatTime(view.publishedAt)}` : ""}
        </Typography.Paragraph>
      ),
    [view],
  );

  const title = (
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

  // Stable handlers for the memoised header and toolbar, doing what the latest render would.
  const handlers = {
    ...ops,
    history: () => setHistoryOpen(true),
    export: () => exportXlsx(),
    copy: () => setCopyOpen(true),
    publish: () => publish(),
    save: () => save(),
  };
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const act = useCallback((key: keyof typeof handlers) => handlersRef.current[key](), []);
  const nameRef = useRef("");
  nameRef.current = sel ? `${derived.code.get(sel.uid)} ${sel.title}`.trim() : "";
  const selectionName = useCallback(() => nameRef.current, []);

  const actions = (
    <HeaderActions
      view={view}
      editable={editable}
      canCopy={can("evaluation:manage")}
      dirty={dirty}
      problemCount={derived.problems.length}
      saving={saving}
      publishing={publishing}
      act={act}
    />
  );

  const descCount = sel ? descendants(tree, sel.uid).length : 0;

  const treeCard = (
    <Card
      size="small"
      title={
        <Space size={8}>
          <span>{t("evaluation.editor.tree")}</span>
          <Typography.Text type="secondary" style={{ fontWeight: "normal", fontSize: 12 }}>
            {t("evaluation.summary.nodes", { count: derived.order.length })}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space size={4}>
          <Button
            size="small"
            type="link"
            onClick={() =>
              setExpanded(
                expanded.length
                  ? []
                  : Object.values(tree.nodes)
                      .filter((n) => n.children.length)
                      .map((n) => n.uid),
              )
            }
          >
            {expanded.length ? t("evaluation.actions.collapseAll") : t("evaluation.actions.expandAll")}
          </Button>
          {editable && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => act("addRoot")} data-testid="add-root">
              {t("evaluation.actions.addRoot")}
            </Button>
          )}
        </Space>
      }
      styles={{ body: { padding: 8 } }}
    >
      {editable && (
        <TreeToolbar
          wide={wide}
          hasSelection={!!sel}
          canUp={!!sel && index > 0}
          canDown={!!sel && index >= 0 && index < siblings.length - 1}
          canOutdent={!!sel && selParent !== null}
          canIndent={!!sel && index > 0}
          canUndo={undo.length > 0}
          selectionName={selectionName}
          descendantCount={descCount}
          act={act}
        />
      )}
      {tree.roots.length ? (
        <IndicatorTree
          store={store}
          shape={shape}
          selected={selected}
          onSelect={setSelected}
          expanded={expanded}
          onExpand={setExpanded}
          onMove={editable ? onMove : undefined}
          height={wide ? 560 : 380}
        />
      ) : (
        <Empty description={t("evaluation.editor.emptyTree")} image={Empty.PRESENTED_IMAGE_SIMPLE}>
          {editable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={ops.addRoot}>
              {t("evaluation.actions.addRoot")}
            </Button>
          )}
        </Empty>
      )}
      {editable && wide && tree.roots.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("evaluation.editor.dragHint")}
        </Typography.Text>
      )}
    </Card>
  );

  const nodeCard = (
    <Card size="small" title={t("evaluation.editor.node")} style={wide ? { position: "sticky", top: 16 } : undefined}>
      {sel ? (
        <IndicatorNodePanel
          node={sel}
          derived={derived}
          editable={editable}
          onChange={(patch, field) => apply(updateNode(tree, sel.uid, patch), `${sel.uid}:${field}`)}
        />
      ) : (
        <Empty description={t("evaluation.editor.noSelection")} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
    </Card>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card title={title} extra={wide ? actions : undefined}>
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
        {info}
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

      {backup && (
        <Alert
          type="warning"
          showIcon
          data-testid="set-backup"
          title={t("evaluation.editor.backupFound", { time: formatTime(backup.at) })}
          action={
            <Space>
              <Button size="small" type="primary" onClick={restoreBackup} data-testid="set-backup-restore">
                {t("evaluation.editor.backupRestore")}
              </Button>
              <Button size="small" onClick={discardBackup}>
                {t("evaluation.editor.backupDiscard")}
              </Button>
            </Space>
          }
        />
      )}

      <TotalCheck
        derived={derived}
        total={meta.total}
        problems={problems}
        showAll={showAll}
        onToggle={() => setShowAll((s) => !s)}
        onPick={(uid) => {
          const path: string[] = [];
          for (let p = derived.parent.get(uid) ?? null; p; p = derived.parent.get(p) ?? null) path.push(p);
          setExpanded((e) => [...new Set([...e, ...path])]);
          setSelected(uid);
        }}
        error={saveError}
        editable={editable}
      />

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={11} xxl={10}>
          {treeCard}
        </Col>
        <Col xs={24} lg={13} xxl={14}>
          {nodeCard}
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

/** The live total check: leaves, veto items, sum against the total, and every problem, each leading to its node. */
function TotalCheck({
  derived,
  total,
  problems,
  showAll,
  onToggle,
  onPick,
  error,
  editable,
}: {
  derived: Derived;
  total: number | null;
  problems: Problem[];
  showAll: boolean;
  onToggle: () => void;
  onPick: (uid: string) => void;
  error: string | null;
  editable: boolean;
}) {
  const sum = fmtTenths(derived.totalTenths);
  const ok = problems.length === 0;
  const matches = typeof total === "number" && toTenths(total) === derived.totalTenths;
  const shown = showAll ? problems : problems.slice(0, 3);
  const stats = (
    <Space size={[16, 4]} wrap>
      <span data-testid="total-sum">{t("evaluation.summary.sum", { sum, total: total ?? "—" })}</span>
      <span>{t("evaluation.summary.leaves", { count: derived.leafCount })}</span>
      <span>{t("evaluation.summary.vetos", { count: derived.vetoCount })}</span>
    </Space>
  );
  if (!editable)
    return <Alert type={matches ? "success" : "warning"} showIcon title={stats} data-testid="total-check" />;
  return (
    <Alert
      type={ok ? "success" : "error"}
      showIcon
      data-testid="total-check"
      title={
        <Space orientation="vertical" size={2} style={{ width: "100%" }}>
          {stats}
          <Typography.Text strong type={ok ? "success" : "danger"} data-testid="total-check-message">
            {error ? `${error}：` : ""}
            {ok ? t("evaluation.summary.ok") : t("evaluation.summary.problems", { count: problems.length })}
          </Typography.Text>
        </Space>
      }
      description={
        problems.length > 0 && (
          <div data-testid="problem-list">
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {shown.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity of their own
                <li key={i}>
                  {p.uid ? (
                    <Typography.Link onClick={() => p.uid && onPick(p.uid)}>{p.message}</Typography.Link>
                  ) : (
                    p.message
                  )}
                </li>
              ))}
            </ul>
            {problems.length > 3 && (
              <Button type="link" size="small" onClick={onToggle} style={{ paddingInline: 0 }}>
                {showAll
                  ? t("evaluation.actions.collapseAll")
                  : t("evaluation.summary.moreProblems", { count: problems.length - 3 })}
              </Button>
            )}
          </div>
        )
      }
    />
  );
}

type Act = (
  key:
    | "addRoot"
    | "addChild"
    | "addSibling"
    | "duplicate"
    | "up"
    | "down"
    | "indent"
    | "outdent"
    | "remove"
    | "undo"
    | "history"
    | "export"
    | "copy"
    | "publish"
    | "save",
) => void;

/** The set's buttons: back, history, export, copy, publish (a saved draft without problems), save. */
const HeaderActions = memo(function HeaderActions({
  view,
  editable,
  canCopy,
  dirty,
  problemCount,
  saving,
  publishing,
  act,
}: {
  view: IndicatorSetView | null;
  editable: boolean;
  canCopy: boolean;
  dirty: boolean;
  problemCount: number;
  saving: boolean;
  publishing: boolean;
  act: Act;
}) {
  const blocked = dirty || problemCount > 0;
  return (
    <Space wrap>
      <BackButton />
      {view && (
        <Button icon={<HistoryOutlined />} onClick={() => act("history")} data-testid="set-history">
          {t("evaluation.actions.history")}
        </Button>
      )}
      {view && (
        <Button icon={<DownloadOutlined />} onClick={() => act("export")} data-testid="set-export">
          {t("evaluation.actions.export")}
        </Button>
      )}
      {view && canCopy && (
        <Button icon={<CopyOutlined />} onClick={() => act("copy")} data-testid="set-copy">
          {t("evaluation.actions.copy")}
        </Button>
      )}
      {view && editable && (
        <Popconfirm
          title={t("evaluation.confirm.publish", { name: view.name, version: view.versionLabel })}
          description={<div style={{ maxWidth: 300 }}>{t("evaluation.confirm.publishHint")}</div>}
          okText={t("evaluation.actions.publish")}
          cancelText={t("common.cancel")}
          onConfirm={() => act("publish")}
          disabled={blocked}
        >
          <Tooltip
            title={
              dirty
                ? t("evaluation.messages.saveFirst")
                : problemCount
                  ? t("evaluation.summary.problems", { count: problemCount })
                  : undefined
            }
          >
            <Button icon={<SendOutlined />} loading={publishing} disabled={blocked} data-testid="set-publish">
              {t("evaluation.actions.publish")}
            </Button>
          </Tooltip>
        </Popconfirm>
      )}
      {editable && (
        <Button
          type="primary"
          icon={<SaveOutlined />}
          loading={saving}
          onClick={() => act("save")}
          data-testid="set-save"
        >
          {t("evaluation.actions.save")}
        </Button>
      )}
    </Space>
  );
});

/** What can be done to the selected indicator: add below or beside, move, change level, copy, undo, delete. */
const TreeToolbar = memo(function TreeToolbar({
  wide,
  hasSelection,
  canUp,
  canDown,
  canOutdent,
  canIndent,
  canUndo,
  selectionName,
  descendantCount,
  act,
}: {
  wide: boolean;
  hasSelection: boolean;
  canUp: boolean;
  canDown: boolean;
  canOutdent: boolean;
  canIndent: boolean;
  canUndo: boolean;
  /** The selected indicator's code and name, read when the delete confirmation opens. */
  selectionName: () => string;
  descendantCount: number;
  act: Act;
}) {
  const buttons: { key: Parameters<Act>[0]; test: string; icon: ReactNode; label: string; enabled: boolean }[] = [
    {
      key: "addChild",
      test: "child",
      icon: <SubnodeOutlined />,
      label: t("evaluation.actions.addChild"),
      enabled: hasSelection,
    },
    {
      key: "addSibling",
      test: "sibling",
      icon: <PlusOutlined />,
      label: t("evaluation.actions.addSibling"),
      enabled: hasSelection,
    },
    { key: "up", test: "up", icon: <ArrowUpOutlined />, label: t("evaluation.actions.moveUp"), enabled: canUp },
    {
      key: "down",
      test: "down",
      icon: <ArrowDownOutlined />,
      label: t("evaluation.actions.moveDown"),
      enabled: canDown,
    },
    {
      key: "outdent",
      test: "outdent",
      icon: <MenuFoldOutlined />,
      label: t("evaluation.actions.outdent"),
      enabled: canOutdent,
    },
    {
      key: "indent",
      test: "indent",
      icon: <MenuUnfoldOutlined />,
      label: t("evaluation.actions.indent"),
      enabled: canIndent,
    },
    {
      key: "duplicate",
      test: "duplicate",
      icon: <CopyOutlined />,
      label: t("evaluation.actions.duplicate"),
      enabled: hasSelection,
    },
    { key: "undo", test: "undo", icon: <UndoOutlined />, label: t("evaluation.actions.undo"), enabled: canUndo },
  ];
  return (
    <div
      style={{
        display: "flex",
        flexWrap: "wrap",
        gap: 4,
        marginBottom: 8,
        paddingBottom: 8,
        borderBottom: "1px solid #f0f0f0",
      }}
      data-testid="tree-toolbar"
    >
      {buttons.map((b) => (
        <Tooltip key={b.key} title={wide ? undefined : b.label}>
          <Button
            size="small"
            icon={b.icon}
            onClick={() => act(b.key)}
            disabled={!b.enabled}
            data-testid={`tree-${b.test}`}
            aria-label={b.label}
          >
            {wide ? b.label : null}
          </Button>
        </Tooltip>
      ))}
      <Popconfirm
        title={() => t("evaluation.editor.deleteConfirm", { name: selectionName() })}
        description={descendantCount ? t("evaluation.editor.deleteHint", { count: descendantCount }) : undefined}
        okText={t("evaluation.actions.delete")}
        cancelText={t("common.cancel")}
        okButtonProps={{ danger: true, "data-testid": "tree-delete-ok" }}
        onConfirm={() => act("remove")}
        disabled={!hasSelection}
      >
        <Tooltip title={wide ? undefined : t("evaluation.actions.delete")}>
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            disabled={!hasSelection}
            data-testid="tree-delete"
            aria-label={t("evaluation.actions.delete")}
          >
            {wide ? t("evaluation.actions.delete") : null}
          </Button>
        </Tooltip>
      </Popconfirm>
    </div>
  );
});
