import { useParams } from "react-router";
import { PrintFields, PrintView } from "../../../app/components/PrintLayout";
import { formatTime } from "../../../app/format";
import { levelLabel, points, tf, useApplication } from "../flow/shared";
import { SheetBlock, tp } from "./SheetPrint";

const a = (key: string, params?: Record<string, string | number>) => tp(`application.${key}`, params);

/** 申报表: the application as submitted — who, where, what for, the statement, evidence, the 自评表, the review. */
export default function ApplicationPrint() {
  const { id } = useParams();
  const q = useApplication(id);
  const app = q.data;
  const f = (key: string) => a(`fields.${key}`);
  const col = (key: string) => a(`eventColumns.${key}`);
  return (
    <PrintView
      title={a("title")}
      unit={app?.orgName}
      date={app?.submittedAt ? formatTime(app.submittedAt).slice(0, 10) : null}
      back={`/creation/applications/${id}`}
      loading={q.isLoading}
      error={q.error as Error | null}
    >
      {app && (
        <>
          <h2>{a("basics")}</h2>
          <PrintFields
            items={[
              { label: f("org"), value: app.orgName },
              { label: f("region"), value: app.regionName },
              { label: f("batch"), value: app.batchName },
              { label: f("category"), value: app.categoryLabel },
              { label: f("level"), value: levelLabel(app.level) },
              { label: f("status"), value: tf(`applicationStatus.${app.status}`) },
              { label: f("submittedAt"), value: formatTime(app.submittedAt) },
              ...(app.finalScore !== null ? [{ label: f("finalScore"), value: points(app.finalScore) }] : []),
            ]}
          />
          <h2>{a("statement")}</h2>
          <p className="print-text">{app.statement}</p>
          <h2>{a("evidence")}</h2>
          {app.evidence.length === 0 ? (
            <p>{a("noEvidence")}</p>
          ) : (
            <ol>
              {app.evidence.map((m) => (
                <li key={m.id}>
                  {m.title}（{m.fileName}）
                </li>
              ))}
            </ol>
          )}
          <h2>{a("self")}</h2>
          {app.selfSheet ? <SheetBlock sheetId={app.selfSheet.id} /> : <p>{a("noSelf")}</p>}
          {app.events.length > 0 && (
            <>
              <h2>{a("events")}</h2>
              <table className="print-table">
                <thead>
                  <tr>
                    <th>{col("at")}</th>
                    <th>{col("action")}</th>
                    <th>{col("level")}</th>
                    <th>{col("actor")}</th>
                    <th>{col("note")}</th>
                  </tr>
                </thead>
                <tbody>
                  {app.events.map((e) => (
                    <tr key={e.id}>
                      <td style={{ whiteSpace: "nowrap" }}>{formatTime(e.at)}</td>
                      <td>{e.actionLabel}</td>
                      <td>{e.levelName ?? "—"}</td>
                      <td>{e.actorName ?? "—"}</td>
                      <td className="print-text">{e.note ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
    </PrintView>
  );
}
