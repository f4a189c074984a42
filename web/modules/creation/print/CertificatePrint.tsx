import { DownloadOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button } from "antd";
import { useParams } from "react-router";
import { categoryGroupOf, type Decision } from "../../../../contracts/creation";
import { api } from "../../../app/api";
import { useAuth } from "../../../app/auth";
import { PrintView } from "../../../app/components/PrintLayout";
import { levelLabel } from "../flow/shared";
import type { DesignationDetail } from "../results/DesignationForms";
import { useCertificatePdf } from "./certificatePdf";
import "./print.css";
import { tp } from "./SheetPrint";

const c = (key: string, params?: Record<string, string | number>) => tp(`certificate.${key}`, params);

/** 2026-09-30 → 2026年9月30日 */
export const chineseDay = (date: string) => {
  const [y, m, d] = date.split("-").map(Number);
  return `${y}年${m}月${d}日`;
};

/** 证书: A4 landscape, the same wording as the .docx and PDF certificates. */
export default function CertificatePrint() {
  const { id } = useParams();
  const { can } = useAuth();
  const pdf = useCertificatePdf();
  const q = useQuery({
    queryKey: ["creation-designation", id],
    queryFn: () => api.get<DesignationDetail>(`/api/creation/designations/${id}`),
  });
  const d = q.data;
  const decision = useQuery({
    queryKey: ["creation-decision", d?.decisionId],
    queryFn: () => api.get<Decision>(`/api/creation/decisions/${d?.decisionId}`),
    enabled: !!d?.decisionId,
  });
  const kind = d && categoryGroupOf(d.category) === "area" ? c("area") : c("unit");
  return (
    <PrintView
      title={d ? `${d.unitName} ${c("title").replace("　", "")}` : ""}
      landscape
      back="/creation/designations"
      loading={q.isLoading}
      error={q.error as Error | null}
    >
      {d && (
        <div className="print-certificate" data-testid="print-certificate">
          <div className="print-certificate-title">{c("title")}</div>
          <p className="print-certificate-unit">{d.unitName}：</p>
          <p className="print-certificate-body">
            {c("named", { level: levelLabel(d.level), kind, category: d.categoryLabel })}
          </p>
          <p className="print-certificate-body">{c("valid", { date: chineseDay(d.validUntil) })}</p>
          <p className="print-certificate-issuer">
            {decision.data?.issuerOrgName}
            <br />
            {chineseDay(d.namedOn)}
          </p>
          <p className="print-certificate-numbers">
            {c("numbers", { no: d.certificateNo })}
            {d.docNumber && `　　${c("docNumber", { doc: d.docNumber })}`}
          </p>
          {d.status === "revoked" && (
            <p className="print-certificate-note">
              {c("revoked", { doc: d.revokeDocNumber ? `（${d.revokeDocNumber}）` : "" })}
            </p>
          )}
          {d.status === "expired" && <p className="print-certificate-note">{c("expired")}</p>}
        </div>
      )}
      {d && can("creation:export") && (
        <div className="print-hide" style={{ marginTop: 16 }}>
          <Button icon={<DownloadOutlined />} onClick={() => pdf(d)} data-testid="certificate-pdf">
            {c("pdf")}
          </Button>
        </div>
      )}
    </PrintView>
  );
}
