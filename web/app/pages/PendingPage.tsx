import { Result } from "antd";
import { t } from "../i18n";

/** Placeholder while a module's page is being built; never linked from a finished menu. */
export default function PendingPage() {
  return <Result status="info" title={t("common.pending")} />;
}
