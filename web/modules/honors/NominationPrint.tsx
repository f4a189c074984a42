import { useQuery } from "@tanstack/react-query";
import { useParams } from "react-router";
import { NOMINATION_STATUS_LABELS, type NominationForm, VOTE_LABELS } from "../../../contracts/honors";
import { api } from "../../app/api";
import { PrintFields, PrintView } from "../../app/components/PrintLayout";
import { formatTime } from "../../app/format";
import { t } from "../../app/i18n";
import { honorKeys } from "./honorsApi";

const p = (key: string, params?: Record<string, string | number>) => t(`honors.print.${key}`, params);
const l = (key: string) => t(`honors.nomination.${key}`);

/**
 * 推荐审批表 (print view): the nomination as its detail shows it — personal fields masked, never revealed here —
 * its deeds, the panel's reviews, each stage's opinion and the 公示 that listed it, with blank lines to sign.
 */
export default function NominationPrint() {
  const { id = "" } = useParams();
  const q = useQuery({
    queryKey: [...honorKeys.nomination(id), "form"],
    queryFn: () => api.get<NominationForm>(`/api/honors/nominations/${id}/form`),
  });
  const form = q.data;
  const n = form?.nomination;
  const individual = n && !n.nomineeOrgId;
  // Taken off every list at once: the removal is told where the upheld objection was (or on each, if none was).
  const upheldSomewhere = !!form?.notices.some((x) => x.objections.upheld > 0);
  const tellsRemoval = (x: NominationForm["notices"][number]) =>
    x.removed && !!x.removedReason && (!upheldSomewhere || x.objections.upheld > 0);
  return (
    <PrintView
      title={n ? `${n.campaignTitle}${p("title")}` : p("title")}
      unit={n?.orgName}
      back={`/honors/nominations?id=${id}`}
      loading={q.isLoading}
      error={q.error as Error | null}
    >
      {form && n && (
        <div data-testid="print-nomination">
          <h2>{p("basics")}</h2>
          <PrintFields
            items={[
              { label: l("kind"), value: n.kindLabel },
              { label: individual ? l("name") : l("nomineeOrg"), value: n.nomineeName },
              ...(individual
                ? [
                    { label: l("gender"), value: n.genderLabel ?? "—" },
                    { label: l("position"), value: n.positionMasked ?? "—" },
                    { label: l("unit"), value: n.unitName ?? "—" },
                    { label: l("consent"), value: n.consentPublish ? "是" : "否" },
                  ]
                : []),
              { label: l("org"), value: n.orgName },
              { label: l("quotaRegion"), value: n.quotaRegionName },
              {
                label: l("status"),
                value: n.statusReason
                  ? `${NOMINATION_STATUS_LABELS[n.status]}（${n.statusReason}）`
                  : NOMINATION_STATUS_LABELS[n.status],
              },
              { label: l("createdAt"), value: formatTime(n.createdAt) },
            ]}
          />
          {individual && <p>{p("maskedNote")}</p>}
          <h2>{p("deeds")}</h2>
          <PrintFields
            items={[
              { label: p("summary"), value: <span className="print-text">{n.summary}</span> },
              { label: p("fullText"), value: <span className="print-text">{n.deeds}</span> },
            ]}
          />
          <h2>{p("reviews")}</h2>
          {n.reviews.length === 0 ? (
            <p>{p("none")}</p>
          ) : (
            <table className="print-table">
              <thead>
                <tr>
                  <th>{p("reviewColumns.reviewer")}</th>
                  <th>{p("reviewColumns.score")}</th>
                  <th>{p("reviewColumns.vote")}</th>
                  <th>{p("reviewColumns.comment")}</th>
                </tr>
              </thead>
              <tbody>
                {n.reviews.map((r, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: reviews have no id and keep their order
                  <tr key={i}>
                    <td>{r.reviewerName}</td>
                    <td>{r.score ?? "—"}</td>
                    <td>{VOTE_LABELS[r.vote]}</td>
                    <td className="print-text">{r.comment}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>{p("stages")}</h2>
          <table className="print-table" data-testid="print-stages">
            <thead>
              <tr>
                <th>{p("stageColumns.at")}</th>
                <th>{p("stageColumns.step")}</th>
                <th>{p("stageColumns.actor")}</th>
                <th>{p("stageColumns.opinion")}</th>
              </tr>
            </thead>
            <tbody>
              {form.stages.map((s, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the steps in the order they happened
                <tr key={i}>
                  <td style={{ whiteSpace: "nowrap" }}>{formatTime(s.at)}</td>
                  <td style={{ whiteSpace: "nowrap" }}>{s.step}</td>
                  <td>{s.actorName ?? "—"}</td>
                  <td className="print-text">{s.opinion}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{p("notices")}</h2>
          {form.notices.length === 0 ? (
            <p>{p("none")}</p>
          ) : (
            <table className="print-table" data-testid="print-notices">
              <thead>
                <tr>
                  <th>{p("noticeColumns.stage")}</th>
                  <th>{p("noticeColumns.title")}</th>
                  <th>{p("noticeColumns.issuer")}</th>
                  <th>{p("noticeColumns.window")}</th>
                  <th>{p("noticeColumns.result")}</th>
                </tr>
              </thead>
              <tbody>
                {form.notices.map((x) => (
                  <tr key={x.id}>
                    <td style={{ whiteSpace: "nowrap" }}>{x.stageLabel}</td>
                    <td>{x.title}</td>
                    <td>{x.issuerOrgName}</td>
                    <td style={{ whiteSpace: "nowrap" }}>
                      {x.startsOn} 至 {x.endsOn}
                      {x.phase === "open" ? `（${p("open")}）` : x.phase === "upcoming" ? `（${p("upcoming")}）` : ""}
                    </td>
                    <td className="print-text">
                      {x.objections.total ? p("objections", { ...x.objections }) : p("noObjection")}
                      {tellsRemoval(x) ? `；${p("removed", { reason: x.removedReason ?? "" })}` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>{p("signatures")}</h2>
          <table className="print-table">
            <tbody>
              {(["unit", "county", "final"] as const).map((k) => (
                <tr key={k}>
                  <th style={{ width: "18%" }}>{p(`sign.${k}`)}</th>
                  <td style={{ height: "6em", verticalAlign: "bottom", textAlign: "right" }}>{p("seal")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </PrintView>
  );
}
