import { App } from "antd";
import { download } from "../../../app/api";
import { t } from "../../../app/i18n";

/** Downloads the certificate as PDF (drawn by the server with the Chinese font embedded; the download is logged). */
export function useCertificatePdf() {
  const { message } = App.useApp();
  return (d: { id: string; certificateNo: string }) =>
    download(`/api/creation/designations/${d.id}/certificate.pdf`, undefined, `${d.certificateNo}.pdf`).catch(
      (e: Error) => message.error(t("creation.results.common.downloadFailed", { message: e.message })),
    );
}
