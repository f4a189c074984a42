import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Collapse, Input, Skeleton, Space, Switch, Tag, Typography } from "antd";
import { type ReactNode, useCallback, useMemo, useState } from "react";
import type { IndicatorSetView, ScoreSheetView } from "../../../../contracts/evaluation";
import { api } from "../../../app/api";
import { useAuth } from "../../../app/auth";
import { formatTime } from "../../../app/format";
import { t } from "../../../app/i18n";
import { useLeaveGuard } from "../../../app/useLeaveGuard";
import "./flow.css";
import { GroupHeading, type LeafChange, LeafRow } from "./LeafRow";
import { KEYS, tf } from "./shared";
import {
  type Drafts,
  draftsOf,
  entriesOf,
  fromTenths,
  maxTenths,
  type Section,
  sectionsOf,
  type Tally,
  tally,
} from "./sheetScore";
import { type TextAction, TextActionModal } from "./TextActionModal";

const s = (key: string, params?: Record<string, string | number>) => tf(`sheet.${key}`, params);
/** Where each subject of a self-assessment serves the activity records its items cite (and their photos). */
const CITE_BASES: Record<string, string> = {
  creation_application: "/api/creation/applications",
  creation_self_check: "/api/creation/self-checks",
  creation_reverification: "/api/creation/reverifications",
};
/** Sets up to this many scored indicators open every section at once; larger ones open the first only. */
const OPEN_ALL_UP_TO = 80;
/** Rows a section renders before "显示更多": keeps the page quick on sets with hundreds of indicators. */
const ROWS_PER_STEP = 100;

/**
 * A score sheet against its indicator tree: the running total, pass line and veto state always in view, one
 * collapsible section per 一级指标, save as draft, submit (locks it), and — for a reviewer — return for rework.
 * Who may fill it follows the server: the expert it belongs to, or the applicant unit for a self-assessment.
 */
export function ScoreSheet({
  sheetId,
  onSubmitted,
}: {
  sheetId: string;
  onSubmitted?: (sheet: ScoreSheetView) => void;
}) {
  const sheet = useQuery({
    queryKey: [KEYS.sheet, sheetId],
    queryFn: () => api.get<ScoreSheetView>(`/api/score-sheets/${sheetId}`),
  });
  const setId = sheet.data?.setId;
  // A published set never changes: load it once per visit.
  const set = useQuery({
    queryKey: ["indicator-set", setId],
    queryFn: () => api.get<IndicatorSetView>(`/api/indicator-sets/${setId}`),
    enabled: !!setId,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const error = sheet.error ?? set.error;
  if (error) return <Alert type="error" showIcon title={s("loadFailed", { message: (error as Error).message })} />;
  if (!sheet.data || !set.data)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  return <SheetEditor key={sheet.data.id} sheet={sheet.data} set={set.data} onSubmitted={onSubmitted} />;
}

function useOwnsSheet(sheet: ScoreSheetView) {
  const { me, can } = useAuth();
  if (!me || !can("evaluation:score")) return false;
  return sheet.kind === "expert" ? sheet.ownerUserId === me.user.id : sheet.ownerOrgId === me.user.orgId;
}

function SheetEditor({
  sheet,
  set,
  onSubmitted,
}: {
  sheet: ScoreSheetView;
  set: IndicatorSetView;
  onSubmitted?: (sheet: ScoreSheetView) => void;
}) {
  const { message, modal } = App.useApp();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const owns = useOwnsSheet(sheet);
  const editable = owns && sheet.status !== "submitted";
  const sections = useMemo(() => sectionsOf(set.nodes), [set.nodes]);
  const leafCount = useMemo(() => sections.reduce((n, x) => n + x.leaves.length, 0), [sections]);
  const [drafts, setDrafts] = useState<Drafts>(() => draftsOf(sheet.entries));
  const [summary, setSummary] = useState(sheet.summary ?? "");
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<"save" | "submit" | null>(null);
  const [onlyMissing, setOnlyMissing] = useState(false);
  const [highlight, setHighlight] = useState(false);
  const [open, setOpen] = useState<string[]>(() =>
    leafCount <= OPEN_ALL_UP_TO ? sections.map((x) => x.node.code) : sections.slice(0, 1).map((x) => x.node.code),
  );
  const [returning, setReturning] = useState<{ action: TextAction | null; key: number }>({ action: null, key: 0 });
  const score = useMemo(() => tally(sections, drafts, set.gradeScale), [sections, drafts, set.gradeScale]);
  // The unit's own sheet cites activity records (填一次，多处用); an expert's sheet does not.
  const citeBase =
    sheet.kind === "self" && CITE_BASES[sheet.subjectType]
      ? `${CITE_BASES[sheet.subjectType]}/${sheet.subjectId}`
      : null;

  // Stable, so a memoised row re-renders only when its own draft changes.
  const onChange = useCallback<LeafChange>((code, patch) => {
    setDrafts((prev) => ({ ...prev, [code]: { ...prev[code], ...patch } }));
    setDirty(true);
  }, []);

  // Unsaved scores: asks before leaving the page in the console, and lets the browser ask on reload or close.
  useLeaveGuard(editable && dirty, () => ({
    title: s("leaveTitle"),
    content: s("leaveHint"),
    okText: s("leave"),
    cancelText: s("stay"),
  }));

  const stored = (saved: ScoreSheetView) => {
    queryClient.setQueryData([KEYS.sheet, saved.id], saved);
    queryClient.invalidateQueries({ queryKey: [KEYS.application] });
    queryClient.invalidateQueries({ queryKey: [KEYS.assignments] });
    queryClient.invalidateQueries({ queryKey: [KEYS.assignment] });
  };

  const save = async () => {
    const saved = await api.put<ScoreSheetView>(`/api/score-sheets/${sheet.id}`, {
      entries: entriesOf(sections, drafts),
      summary: summary.trim() || undefined,
    });
    setDirty(false);
    stored(saved);
    return saved;
  };

  const onSave = async () => {
    if (score.invalid.length) return message.error(s("invalid"));
    setBusy("save");
    try {
      await save();
      message.success(s("saved"));
    } catch (e) {
      message.error({ content: (e as Error).message, duration: 8 });
    } finally {
      setBusy(null);
    }
  };

  const showMissing = (codes: string[]) => {
    setHighlight(true);
    const first = codes[0];
    const section = sections.find((x) => x.leaves.some((l) => l.code === first));
    if (section) setOpen((o) => (o.includes(section.node.code) ? o : [...o, section.node.code]));
    setTimeout(() => document.getElementById(`leaf-${first}`)?.scrollIntoView({ block: "center" }), 300);
  };

  const onSubmit = () => {
    if (score.invalid.length) return message.error(s("invalid"));
    if (score.missing.length) {
      message.error(s("missingBeforeSubmit", { count: score.missing.length }));
      return showMissing(score.missing);
    }
    modal.confirm({
      title: s("confirmSubmit"),
      content: (
        <>
          <p>{s("confirmSubmitHint", { total: fromTenths(score.totalTenths) })}</p>
          {score.vetoFailed.length > 0 && (
            <p style={{ color: "#cf1322" }}>{s("confirmSubmitVeto", { items: score.vetoFailed.join("、") })}</p>
          )}
          {sheet.kind === "self" && score.totalTenths < Math.round(set.passLine * 10) && (
            // A locked self-assessment below the line blocks the application: say so before it locks.
            <p style={{ color: "#d46b08" }}>{s("confirmSelfBelowLine", { passLine: set.passLine })}</p>
          )}
        </>
      ),
      okText: s("submit"),
      cancelText: t("common.cancel"),
      onOk: async () => {
        setBusy("submit");
        try {
          await save();
          const submitted = await api.post<ScoreSheetView>(`/api/score-sheets/${sheet.id}/submit`);
          stored(submitted);
          message.success(s("submitted"));
          onSubmitted?.(submitted);
        } catch (e) {
          message.error({ content: (e as Error).message, duration: 8 });
        } finally {
          setBusy(null);
        }
      },
    });
  };

  // Only an application's sheets go back for rework; a submitted self-check or 复验 sheet is judged as it stands.
  const canReturn =
    !owns && sheet.status === "submitted" && sheet.subjectType === "creation_application" && can("evaluation:review");
  const returnSheet = () =>
    setReturning((r) => ({
      key: r.key + 1,
      action: {
        title: s("returnTitle"),
        field: "reason",
        fieldLabel: s("returnReason"),
        required: true,
        okText: s("returnSheet"),
        danger: true,
        run: async (reason) => {
          const saved = await api.post<ScoreSheetView>(`/api/score-sheets/${sheet.id}/return`, { reason });
          stored(saved);
          message.success(s("returned"));
        },
      },
    }));

  const items = sections
    .filter((x) => !onlyMissing || x.leaves.some((l) => score.missingSet.has(l.code)))
    .map((x) => ({
      key: x.node.code,
      label: (
        <Typography.Text strong>
          {x.node.code} {x.node.title}
        </Typography.Text>
      ),
      extra: <SectionScore section={x} score={score} />,
      children: (
        <SectionRows
          section={x}
          drafts={drafts}
          scale={set.gradeScale}
          readOnly={!editable}
          highlight={highlight}
          onlyMissing={onlyMissing ? score.missingSet : null}
          citeBase={citeBase}
          onChange={onChange}
        />
      ),
    }));

  return (
    // A plain column, not <Space>: Space wraps each child in its own box, which would stop the bar sticking.
    <div className="sheet" data-testid="score-sheet">
      <SheetNotices sheet={sheet} owns={owns} />
      <Space wrap>
        {editable && (
          <Space size={6}>
            <Switch size="small" checked={onlyMissing} onChange={setOnlyMissing} aria-label={s("onlyMissing")} />
            <Typography.Text>{s("onlyMissing")}</Typography.Text>
          </Space>
        )}
        <Button size="small" onClick={() => setOpen(sections.map((x) => x.node.code))}>
          {s("expandAll")}
        </Button>
        <Button size="small" onClick={() => setOpen([])}>
          {s("collapseAll")}
        </Button>
      </Space>
      <Collapse activeKey={open} onChange={(k) => setOpen(k as string[])} items={items} />
      <Card size="small" title={s(sheet.kind === "self" ? "selfSummary" : "summary")}>
        <Input.TextArea
          value={summary}
          readOnly={!editable}
          variant={editable ? "outlined" : "borderless"}
          onChange={(e) => {
            setSummary(e.target.value);
            setDirty(true);
          }}
          maxLength={2000}
          autoSize={{ minRows: 2, maxRows: 8 }}
          placeholder={
            editable ? s(sheet.kind === "self" ? "selfSummaryPlaceholder" : "summaryPlaceholder") : tf("none")
          }
        />
      </Card>
      <SheetBar
        set={set}
        score={score}
        dirty={editable && dirty}
        actions={
          <Space wrap>
            {editable && (
              <Button loading={busy === "save"} disabled={!!busy} onClick={onSave} data-testid="sheet-save">
                {s("save")}
              </Button>
            )}
            {editable && (
              <Button
                type="primary"
                loading={busy === "submit"}
                disabled={!!busy}
                onClick={onSubmit}
                data-testid="sheet-submit"
              >
                {s("submit")}
              </Button>
            )}
            {canReturn && (
              <Button danger onClick={returnSheet} data-testid="sheet-return">
                {s("returnSheet")}
              </Button>
            )}
          </Space>
        }
      />
      <TextActionModal
        key={returning.key}
        action={returning.action}
        onClose={() => setReturning((r) => ({ ...r, action: null }))}
      />
    </div>
  );
}

function SheetNotices({ sheet, owns }: { sheet: ScoreSheetView; owns: boolean }) {
  if (sheet.status === "returned")
    return (
      <Alert
        type="warning"
        showIcon
        title={s("returnedAlert", { reason: sheet.returnedReason ?? "" })}
        data-testid="sheet-returned"
      />
    );
  if (sheet.status === "submitted")
    return <Alert type="success" showIcon title={s("readOnlySubmitted", { at: formatTime(sheet.submittedAt) })} />;
  if (!owns) return <Alert type="info" showIcon title={s("readOnlyOther")} />;
  return null;
}

function SectionScore({ section, score }: { section: Section; score: Tally }) {
  const left = section.leaves.filter((l) => score.missingSet.has(l.code)).length;
  return (
    <Space size={6} onClick={(e) => e.stopPropagation()}>
      {left > 0 && <Tag color="orange">{s("itemsLeft", { count: left })}</Tag>}
      <Typography.Text type="secondary">
        {s("subtotal", {
          score: fromTenths(score.bySection.get(section.node.code) ?? 0),
          max: fromTenths(maxTenths(section.node)),
        })}
      </Typography.Text>
    </Space>
  );
}

/** A section's rows, a hundred at a time; parents below the 一级指标 as headings between their leaves. */
function SectionRows({
  section,
  drafts,
  scale,
  readOnly,
  highlight,
  onlyMissing,
  citeBase,
  onChange,
}: {
  section: Section;
  drafts: Drafts;
  scale: IndicatorSetView["gradeScale"];
  readOnly: boolean;
  highlight: boolean;
  onlyMissing: Set<string> | null;
  citeBase: string | null;
  onChange: LeafChange;
}) {
  const [shown, setShown] = useState(ROWS_PER_STEP);
  const rows = onlyMissing ? section.rows.filter((r) => !r.leaf || onlyMissing.has(r.node.code)) : section.rows;
  const visible = rows.slice(0, shown);
  return (
    <div>
      {visible.map((r) =>
        r.leaf ? (
          <LeafRow
            key={r.node.code}
            leaf={r.node}
            depth={r.depth}
            draft={drafts[r.node.code]}
            scale={scale}
            readOnly={readOnly}
            highlight={highlight}
            citeBase={citeBase}
            onChange={onChange}
          />
        ) : (
          <GroupHeading key={r.node.code} node={r.node} depth={r.depth} />
        ),
      )}
      {rows.length > shown && (
        <Button type="link" onClick={() => setShown((n) => n + ROWS_PER_STEP)}>
          {s("showMore", { count: rows.length - shown })}
        </Button>
      )}
    </div>
  );
}

/** The running total against the pass line, veto and completeness, with the buttons; sticks to the bottom. */
function SheetBar({
  set,
  score,
  dirty,
  actions,
}: {
  set: IndicatorSetView;
  score: Tally;
  dirty: boolean;
  actions: ReactNode;
}) {
  const total = fromTenths(score.totalTenths);
  const passed = score.vetoFailed.length === 0 && score.totalTenths >= Math.round(set.passLine * 10);
  return (
    <Card size="small" className="sheet-bar" data-testid="sheet-bar">
      <Space size={[12, 4]} wrap align="center">
        <span>
          <Typography.Text type="secondary">{s("total")} </Typography.Text>
          <span className="sheet-total" data-testid="sheet-total">
            {total}
          </span>
          <Typography.Text type="secondary"> {s("totalOf", { total: set.total })}</Typography.Text>
        </span>
        <Typography.Text type="secondary">{s("passLine", { passLine: set.passLine })}</Typography.Text>
        <Tag color={passed ? "green" : "default"}>{passed ? s("passed") : s("notPassed")}</Tag>
        {score.vetoFailed.length > 0 && <Tag color="red">{s("vetoFailed")}</Tag>}
        <Tag color={score.missing.length ? "orange" : "blue"}>
          {score.missing.length ? s("missing", { count: score.missing.length }) : s("complete")}
        </Tag>
        {dirty && <Typography.Text type="warning">{s("unsaved")}</Typography.Text>}
      </Space>
      {actions}
    </Card>
  );
}
