import { Input, InputNumber, Radio } from "antd";
import { memo, useState } from "react";
import type { Grade, GradeScale, IndicatorNodeView, YesNo } from "../../../../contracts/evaluation";
import { useAuth } from "../../../app/auth";
import { t } from "../../../app/i18n";
import { ActivityEvidenceField, ActivityEvidenceLinks } from "../../activities/ActivityEvidence";
import { tf } from "./shared";
import { type Draft, fromTenths, scoreLeaf } from "./sheetScore";

const GRADES: Grade[] = ["A", "B", "C", "D"];
const s = (key: string, params?: Record<string, string | number>) => tf(`sheet.${key}`, params);

export type LeafChange = (code: string, patch: Partial<Draft>) => void;

/** A parent indicator (二级、三级…) between the section heading and its leaves. */
export const GroupHeading = memo(function GroupHeading({ node, depth }: { node: IndicatorNodeView; depth: number }) {
  return (
    <div className="sheet-group" style={{ paddingInlineStart: (depth - 2) * 16 }}>
      <span className="sheet-title">
        {node.code} {node.title}
      </span>
    </div>
  );
});

/**
 * One scored indicator: its standard and expected evidence, the control its method needs (a score, 是/否, or
 * a grade), what it earns, and an optional comment. Memoised: typing in one row re-renders only that row.
 */
export const LeafRow = memo(function LeafRow({
  leaf,
  depth,
  draft,
  scale,
  readOnly,
  highlight,
  citeBase,
  onChange,
}: {
  leaf: IndicatorNodeView;
  depth: number;
  draft: Draft | undefined;
  scale: GradeScale;
  readOnly: boolean;
  /** Marked when submitting with it still empty. */
  highlight: boolean;
  /**
   * Where the sheet's subject serves its cited activity records (`/api/creation/self-checks/:id` …); null where
   * items cite none (an expert's sheet).
   */
  citeBase: string | null;
  onChange: LeafChange;
}) {
  const [commenting, setCommenting] = useState(false);
  const max = leaf.maxScore ?? 0;
  const earned = scoreLeaf(leaf, draft, scale);
  const vetoNo = leaf.veto && draft?.answer === "no";
  return (
    <div
      id={`leaf-${leaf.code}`}
      className={`sheet-leaf${highlight && !earned.answered ? " sheet-leaf-missing" : ""}${vetoNo ? " sheet-leaf-veto" : ""}`}
      style={{ marginInlineStart: Math.max(0, depth - 2) * 16 }}
      data-testid="sheet-leaf"
      data-code={leaf.code}
      data-method={leaf.method ?? ""}
      data-max={max}
    >
      {/* Plain elements for the text: a thousand rows of Typography and Tag components made a large set slow. */}
      <div className="sheet-leaf-text">
        <div>
          <span className="sheet-title">
            {leaf.code} {leaf.title}
          </span>
          {leaf.veto && <span className="sheet-tag sheet-tag-veto">{s("veto")}</span>}
          <span className="sheet-tag">{tf(`method.${leaf.method ?? "score"}`)}</span>
          <span className="sheet-note">{s("maxScore", { max })}</span>
        </div>
        {leaf.standard && (
          <div className="sheet-note">
            {s("standard")}
            {leaf.standard}
          </div>
        )}
        {leaf.evidence && (
          <div className="sheet-note">
            {s("evidence")}
            {leaf.evidence}
          </div>
        )}
      </div>
      <div className="sheet-leaf-input">
        <LeafControl leaf={leaf} draft={draft} readOnly={readOnly} onChange={onChange} />
        <span
          className={`sheet-earned${earned.invalid || vetoNo ? " sheet-danger" : earned.answered ? "" : " sheet-muted"}`}
          data-testid="leaf-earned"
        >
          {earned.answered ? tf("points", { value: fromTenths(earned.tenths) }) : tf("none")}
        </span>
      </div>
      {commenting || draft?.comment ? (
        <Input
          className="sheet-comment"
          size="small"
          autoFocus={commenting && !draft?.comment}
          variant={readOnly ? "borderless" : "outlined"}
          readOnly={readOnly}
          maxLength={1000}
          placeholder={s("comment")}
          aria-label={`${leaf.code} ${s("comment")}`}
          value={draft?.comment ?? ""}
          onChange={(e) => onChange(leaf.code, { comment: e.target.value })}
        />
      ) : (
        // The comment box appears on demand: a thousand idle text boxes would make a large set slow to open.
        !readOnly && (
          <button type="button" className="sheet-comment-link" onClick={() => setCommenting(true)}>
            {s("addComment")}
          </button>
        )
      )}
      {citeBase && <LeafActivities leaf={leaf} draft={draft} readOnly={readOnly} base={citeBase} onChange={onChange} />}
    </div>
  );
});

/**
 * 佐证活动 of one item (填一次，多处用): the activity records it cites, each opening through the sheet's subject;
 * while filling, a picker of the unit's submitted or confirmed records, shown on demand like the comment.
 */
function LeafActivities({
  leaf,
  draft,
  readOnly,
  base,
  onChange,
}: {
  leaf: IndicatorNodeView;
  draft: Draft | undefined;
  readOnly: boolean;
  base: string;
  onChange: LeafChange;
}) {
  const { can } = useAuth();
  const [picking, setPicking] = useState(false);
  const cited = draft?.activities ?? [];
  if (readOnly)
    return cited.length ? (
      <div className="sheet-activities" data-testid="leaf-activities">
        <span className="sheet-note">{t("activities.evidence.label")}：</span>
        <ActivityEvidenceLinks base={base} activities={cited} />
      </div>
    ) : null;
  if (!picking && cited.length === 0)
    return can("activity:read") ? (
      <button
        type="button"
        className="sheet-comment-link"
        onClick={() => setPicking(true)}
        data-testid="leaf-cite-activity"
        aria-label={`${leaf.code} ${t("activities.evidence.add")}`}
      >
        + {t("activities.evidence.add")}
      </button>
    ) : null;
  return (
    <div className="sheet-activities" data-testid="leaf-activities">
      <span className="sheet-note">{t("activities.evidence.label")}</span>
      <ActivityEvidenceField value={cited} onChange={(v) => onChange(leaf.code, { activities: v })} />
    </div>
  );
}

function LeafControl({
  leaf,
  draft,
  readOnly,
  onChange,
}: {
  leaf: IndicatorNodeView;
  draft: Draft | undefined;
  readOnly: boolean;
  onChange: LeafChange;
}) {
  const label = `${leaf.code} ${leaf.title}`;
  if (leaf.method === "yes_no")
    return (
      <Radio.Group
        optionType="button"
        buttonStyle="solid"
        disabled={readOnly}
        value={draft?.answer}
        onChange={(e) => onChange(leaf.code, { answer: e.target.value as YesNo })}
        aria-label={label}
        options={(["yes", "no"] as const).map((v) => ({ value: v, label: tf(`yesNo.${v}`) }))}
      />
    );
  if (leaf.method === "grade")
    return (
      <Radio.Group
        optionType="button"
        buttonStyle="solid"
        disabled={readOnly}
        value={draft?.grade}
        onChange={(e) => onChange(leaf.code, { grade: e.target.value as Grade })}
        aria-label={label}
        options={GRADES.map((g) => ({ value: g, label: g, title: tf(`grade.${g}`) }))}
      />
    );
  const max = leaf.maxScore ?? 0;
  return (
    <InputNumber
      min={0}
      max={max}
      step={0.5}
      precision={1}
      disabled={readOnly}
      value={draft?.score ?? null}
      placeholder={tf("sheet.scorePlaceholder", { max })}
      onChange={(v) => onChange(leaf.code, { score: v === null ? undefined : Number(v) })}
      aria-label={label}
      style={{ width: 110 }}
    />
  );
}
