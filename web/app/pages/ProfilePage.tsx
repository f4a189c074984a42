import { App, Card, Col, Row, Tag } from "antd";
import { useAuth } from "../auth";
import { PasswordChangeForm } from "../components/PasswordChangeForm";
import { TotpEnrol } from "../components/TotpEnrol";
import { t } from "../i18n";
import { ApiTokensCard } from "./ApiTokensCard";

/** 个人设置: change password, bind TOTP, personal API tokens. */
export default function ProfilePage() {
  const { me, refresh } = useAuth();
  const { message } = App.useApp();
  if (!me) return null;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title={t("auth.changePasswordTitle")}>
          <PasswordChangeForm onDone={() => message.success(t("auth.passwordChanged"))} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card
          title={t("auth.enrolTitle")}
          extra={
            me.user.totpEnabled ? (
              <Tag color="green">{t("auth.totpEnabled")}</Tag>
            ) : (
              <Tag>{t("auth.totpNotEnabled")}</Tag>
            )
          }
        >
          <TotpEnrol
            onDone={() => {
              message.success(t("auth.enrolDone"));
              refresh();
            }}
          />
        </Card>
      </Col>
      <Col span={24}>
        <ApiTokensCard myPermissions={me.permissions} />
      </Col>
    </Row>
  );
}
