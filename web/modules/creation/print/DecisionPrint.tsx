import { useQuery } from "@tanstack/react-query";
import { useParams } from "react-router";
import type { Decision } from "../../../../contracts/creation";
import { api } from "../../../app/api";
import { PrintView } from "../../../app/components/PrintLayout";
import { levelLabel } from "../flow/shared";
import { chineseDay } from "./CertificatePrint";
import { tp } from "./SheetPrint";

const p = (key: string, params?: Record<string, string | number>) => tp(`decision.${key}`, params);

/** 命名决定: 文号, title, the decision text, the list of named units, the issuer and date. */
export default function DecisionPrint() {
  const { id } = useParams();
  const q = useQuery({
    queryKey: ["creation-decision", id],
    queryFn: () => api.get<Decision>(`/api/creation/decisions/${id}`),
  });
  const d = q.data;
  const col = (key: string) => p(`columns.${key}`);
  return (
    <PrintView
      title={d?.title ?? ""}
      unit={d?.issuerOrgName}
      date={d?.namedOn}
      back="/creation/decisions"
      loading={q.isLoading}
      error={q.error as Error | null}
    >
      {d && (
        <div data-testid="print-decision">
          <p style={{ textAlign: "center" }}>{d.docNumber}</p>
          <p className="print-text" style={{ textIndent: "2em" }}>
            {p("intro", {
              batch: d.batchName,
              count: d.designations.length > 1 ? p("introMany", { count: d.designations.length }) : p("introOne"),
              level: levelLabel(d.level),
            })}
          </p>
          <p style={{ textIndent: "2em" }}>{p("hope")}</p>
          <p style={{ textAlign: "right", marginTop: 32 }}>
            {d.issuerOrgName}
            <br />
            {chineseDay(d.namedOn)}
          </p>
          <h2>{p("annex", { level: levelLabel(d.level) })}</h2>
          <table className="print-table">
            <thead>
              <tr>
                <th className="num">{col("no")}</th>
                <th>{col("unit")}</th>
                <th>{col("region")}</th>
                <th>{col("category")}</th>
                <th>{col("certificate")}</th>
              </tr>
            </thead>
            <tbody>
              {d.designations.map((x, i) => (
                <tr key={x.id}>
                  <td className="num">{i + 1}</td>
                  <td>{x.unitName}</td>
                  <td>{x.regionName}</td>
                  <td>{x.categoryLabel}</td>
                  <td style={{ whiteSpace: "nowrap" }}>{x.certificateNo}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </PrintView>
  );
}
