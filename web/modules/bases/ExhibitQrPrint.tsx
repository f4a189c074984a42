import { Alert } from "antd";
import { useParams } from "react-router";
import type { PageContent } from "../../../contracts/bases";
import { PrintView } from "../../app/components/PrintLayout";
import { useBase, usePages } from "./basesApi";
import { basesZh as z } from "./zh-CN";

/** The address a visitor's phone opens for an exhibit (what its QR code holds; served by the portal). */
export const exhibitUrl = (baseId: string, exhibitId: string) =>
  `${window.location.origin}/bases/${baseId}/exhibits/${encodeURIComponent(exhibitId)}`;

/**
 * 展品二维码 (print view): an A4 sheet of labels, one per exhibit of the base's published page — its title, its QR
 * code (the portal's own SVG, GET /api/public/bases/:id/exhibits/:exhibitId/qr.svg) and the address printed under
 * it for a visitor without a scanner. Only a published page's exhibits have a code the public can open.
 */
export default function ExhibitQrPrint() {
  const { id = "" } = useParams();
  const base = useBase(id);
  const pages = usePages(id);
  const published = pages.data?.find((v) => v.status === "published");
  const exhibits = (published?.content as PageContent | undefined)?.exhibits ?? [];
  const q = z.qr;
  return (
    <PrintView
      title={base.data ? q.title.replace("{name}", base.data.name) : q.sheet}
      unit={base.data?.operatingOrgName}
      back={`/bases/${id}?tab=page`}
      loading={base.isLoading || pages.isLoading}
      error={(base.error ?? pages.error) as Error | null}
    >
      {!published || exhibits.length === 0 ? (
        <Alert type="info" showIcon title={published ? q.noExhibits : q.notPublished} />
      ) : (
        <>
          <style>{`
            .qr-labels { display: grid; grid-template-columns: repeat(3, 1fr); gap: 4mm; }
            .qr-label { border: 1px dashed #bfbfbf; padding: 4mm 3mm; text-align: center; break-inside: avoid; page-break-inside: avoid; }
            .qr-label h3 { margin: 0 0 2mm; font-size: 11pt; line-height: 1.35; min-height: 2.7em; }
            .qr-label img { width: 42mm; height: 42mm; display: block; margin: 0 auto; }
            .qr-label .qr-url { margin: 2mm 0 0; font-size: 7pt; line-height: 1.3; word-break: break-all; color: #434343; }
            .qr-label .qr-base { margin: 1mm 0 0; font-size: 8pt; color: #8c8c8c; }
            @media print { .qr-print-hint { display: none; } }
          `}</style>
          <p className="qr-print-hint" style={{ marginBottom: 12 }}>
            {q.hint.replace("{n}", String(exhibits.length)).replace("{v}", String(published.version))}
          </p>
          <div className="qr-labels" data-testid="qr-labels">
            {exhibits.map((e) => {
              const url = exhibitUrl(id, e.id);
              return (
                <section key={e.id} className="qr-label" data-testid="qr-label" aria-label={e.title}>
                  <h3>{e.title}</h3>
                  <img
                    src={`/api/public/bases/${id}/exhibits/${encodeURIComponent(e.id)}/qr.svg`}
                    alt={q.alt.replace("{title}", e.title)}
                  />
                  <p className="qr-url">{url}</p>
                  <p className="qr-base">{base.data?.name}</p>
                </section>
              );
            })}
          </div>
        </>
      )}
    </PrintView>
  );
}
