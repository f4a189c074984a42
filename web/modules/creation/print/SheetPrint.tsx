import { useQuery } from "@tanstack/react-query";
import { Alert, Skeleton } from "antd";
import { Fragment } from "react";
import type { IndicatorNodeView, IndicatorSetView, ScoreSheetView } from "../../../../contracts/evaluation";
import { api } from "../../../app/api";
import { formatTime } from "../../../app/format";
import { t } from "../../../app/i18n";
import { KEYS, tf } from "../flow/shared";

export const tp = (key: string, params?: Record<string, string | number>) => t(`creation.print.${key}`, params);

/** A sheet with its published indicator set (one request each, cached as the sheet page caches them). */
export function useSheetWithSet(sheetId: string | undefined | null) {
  const sheet = useQuery({
    queryKey: [KEYS.sheet, sheetId],
    queryFn: () => api.get<ScoreSheetView>(`/api/score-sheets/${sheetId}`),
    enabled: !!sheetId,
  });
  const setId = sheet.data?.setId;
  const set = useQuery({
    queryKey: ["indicator-set", setId],
    queryFn: () => api.get<IndicatorSetView>(`/api/indicator-sets/${setId}`),
    enabled: !!setId,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return { sheet: sheet.data, set: set.data, error: (sheet.error ?? set.error) as Error | null };
}

type Entry = ScoreSheetView["entries"][number];

/** What was entered on a leaf, in words: 8.5 / 是 / A 好. */
function resultOf(node: IndicatorNodeView, e: Entry | undefined) {
  if (!e) return "—";
  if (node.method === "yes_no" && e.answer) return tf(`yesNo.${e.answer}`);
  if (node.method === "grade" && e.grade) return tf(`grade.${e.grade}`);
  return e.score === undefined ? "—" : String(e.score);
}

/** The sheet as a printed table: every indicator in order, the leaves with their result, score and note. */
export function SheetTable({ sheet, set }: { sheet: ScoreSheetView; set: IndicatorSetView }) {
  const entries = new Map(sheet.entries.map((e) => [e.nodeCode, e]));
  const rows: { node: IndicatorNodeView; depth: number }[] = [];
  const walk = (n: IndicatorNodeView, depth: number) => {
    rows.push({ node: n, depth });
    for (const c of n.children) walk(c, depth + 1);
  };
  for (const n of set.nodes) walk(n, 1);
  const c = (key: string) => tp(`sheet.columns.${key}`);
  return (
    <>
      <table className="print-table" data-testid="print-sheet-table">
        <thead>
          <tr>
            <th>{c("code")}</th>
            <th>{c("title")}</th>
            <th>{c("standard")}</th>
            <th className="num">{c("max")}</th>
            <th>{c("result")}</th>
            <th className="num">{c("score")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ node, depth }) => {
            const leaf = node.children.length === 0;
            const e = entries.get(node.code);
            return (
              <Fragment key={node.code}>
                <tr style={leaf ? undefined : { background: "#fafafa", fontWeight: 600 }}>
                  <td style={{ whiteSpace: "nowrap" }}>{node.code}</td>
                  <td style={{ paddingLeft: 6 + (depth - 1) * 12 }}>
                    {node.title}
                    {node.veto && tp("sheet.veto")}
                  </td>
                  <td>{node.standard}</td>
                  <td className="num">{node.maxScore ?? ""}</td>
                  <td>{leaf ? resultOf(node, e) : ""}</td>
                  <td className="num">{sheet.byNode[node.code] ?? (leaf ? 0 : "")}</td>
                </tr>
                {leaf && e?.comment && (
                  <tr>
                    <td />
                    <td colSpan={5} className="print-text">
                      {e.comment}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      <p style={{ marginTop: 12 }} data-testid="print-sheet-total">
        <strong>{tp("sheet.total", { total: sheet.total, max: set.total, passLine: set.passLine })}</strong>
        {"　"}
        {sheet.passed ? tp("sheet.passed") : tp("sheet.notPassed")}
        {sheet.vetoFailed.length > 0 && `　${tp("sheet.vetoFailed", { codes: sheet.vetoFailed.join("、") })}`}
      </p>
      {sheet.summary && (
        <>
          <h2>{tp("sheet.summary")}</h2>
          <p className="print-text">{sheet.summary}</p>
        </>
      )}
      <p>
        {tp("sheet.status", { status: tf(`sheetStatus.${sheet.status}`) })}
        {sheet.submittedAt && `　${tp("sheet.submittedAt", { at: formatTime(sheet.submittedAt) })}`}
      </p>
    </>
  );
}

/** A sheet loaded by id, as a printed table (used inside the 申报表). */
export function SheetBlock({ sheetId }: { sheetId: string }) {
  const { sheet, set, error } = useSheetWithSet(sheetId);
  if (error) return <Alert type="error" showIcon title={t("common.loadFailed", { message: error.message })} />;
  if (!sheet || !set) return <Skeleton active />;
  return <SheetTable sheet={sheet} set={set} />;
}
