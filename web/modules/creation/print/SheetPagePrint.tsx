import { useParams } from "react-router";
import { PrintFields, PrintView } from "../../../app/components/PrintLayout";
import { formatTime } from "../../../app/format";
import { levelLabel, useApplication } from "../flow/shared";
import { SheetTable, tp, useSheetWithSet } from "./SheetPrint";

/** 评分表: one sheet of an application (the unit's 自评表 or an expert's), with a line to sign. */
export default function SheetPagePrint() {
  const { id, sheetId } = useParams();
  const app = useApplication(id);
  const { sheet, set, error } = useSheetWithSet(sheetId);
  const self = app.data?.selfSheet?.id === sheetId;
  const title = self ? tp("sheet.selfTitle") : sheet?.kind === "expert" ? tp("sheet.expertTitle") : tp("sheet.title");
  const f = (key: string) => tp(`application.fields.${key}`);
  return (
    <PrintView
      title={title}
      unit={app.data?.orgName}
      date={sheet?.submittedAt ? formatTime(sheet.submittedAt).slice(0, 10) : null}
      back={`/creation/applications/${id}/sheets/${sheetId}`}
      loading={!app.data || !sheet || !set}
      error={(app.error as Error | null) ?? error}
    >
      {app.data && sheet && set && (
        <>
          <PrintFields
            items={[
              { label: f("org"), value: app.data.orgName },
              { label: f("batch"), value: app.data.batchName },
              { label: f("category"), value: `${app.data.categoryLabel}（${levelLabel(app.data.level)}）` },
              ...(sheet.kind === "expert" && sheet.ownerName
                ? [{ label: tp("sheet.scorer"), value: sheet.ownerName }]
                : []),
            ]}
          />
          <h2>{set.name}</h2>
          <SheetTable sheet={sheet} set={set} />
          <p style={{ marginTop: 32, textAlign: "right" }}>{tp("sheet.signature")}</p>
        </>
      )}
    </PrintView>
  );
}
