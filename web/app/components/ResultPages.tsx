import { Button, Result } from "antd";
import { useNavigate } from "react-router";
import { t } from "../i18n";

export function ForbiddenPage() {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t("errors.forbiddenPage")}
      extra={<Button onClick={() => navigate("/")}>{t("errors.backHome")}</Button>}
    />
  );
}

export function NotFoundPage() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t("errors.notFoundPage")}
      extra={<Button onClick={() => navigate("/")}>{t("errors.backHome")}</Button>}
    />
  );
}
