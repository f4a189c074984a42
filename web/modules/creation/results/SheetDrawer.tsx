import { useQuery } from "@tanstack/react-query";
import { Alert, App, Button, Drawer } from "antd";
import { useState } from "react";
import type { ScoreSheetView } from "../../../../contracts/evaluation";
import { api } from "../../../app/api";
import { ScoreSheet } from "../flow/ScoreSheet";
import { tr } from "./shared";

/**
 * A self-assessment score sheet (年度自查, 复验自查) in a drawer, filled with the application flow's ScoreSheet
 * (the indicator tree, running total, save and submit; read-only for reviewers). When the sheet is submitted,
 * `finalize` submits what it belongs to; a sheet submitted earlier whose self-check is still open offers it.
 */
export function SheetDrawer({
  sheetId,
  title,
  finalizeLabel,
  finalize,
  onClose,
}: {
  sheetId: string | null;
  title: string;
  /** The step after the sheet ("提交年度自查"); absent when there is nothing left to submit. */
  finalizeLabel?: string;
  finalize?: () => Promise<void>;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const sheet = useQuery({
    queryKey: ["score-sheet", sheetId],
    queryFn: () => api.get<ScoreSheetView>(`/api/score-sheets/${sheetId}`),
    enabled: !!sheetId,
  });
  const run = async () => {
    if (!finalize) return;
    setBusy(true);
    try {
      await finalize();
    } catch (e) {
      message.error({ content: (e as Error).message, duration: 8 });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open={!!sheetId} onClose={onClose} title={title} size={820} destroyOnHidden>
      {sheetId && (
        <>
          {finalize && sheet.data?.status === "submitted" && (
            <Alert
              style={{ marginBottom: 12 }}
              type="warning"
              showIcon
              title={tr("sheet.finalizeHint")}
              action={
                <Button type="primary" size="small" loading={busy} onClick={run} data-testid="sheet-finalize">
                  {finalizeLabel}
                </Button>
              }
            />
          )}
          <ScoreSheet sheetId={sheetId} onSubmitted={() => finalize && run()} />
        </>
      )}
    </Drawer>
  );
}
