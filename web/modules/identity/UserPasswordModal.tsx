import { Alert, Button, Descriptions, Modal, Typography } from "antd";
import { t } from "../../app/i18n";

export type OncePassword = {
  kind: "created" | "reset";
  username: string;
  displayName: string;
  password: string;
  /** The account also needs its owner's dynamic code to sign in (always so for a 三员 account). */
  totpRequired?: boolean;
};

/** Shows a one-time temporary password (after creating a user or resetting a password). It is never shown again. */
export function UserPasswordModal({ value, onClose }: { value: OncePassword | null; onClose: () => void }) {
  return (
    <Modal
      open={!!value}
      title={
        value
          ? t(value.kind === "created" ? "identity.users.password.createdTitle" : "identity.users.password.resetTitle")
          : ""
      }
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      width={520}
      footer={
        <Button type="primary" onClick={onClose} data-testid="password-done">
          {t("identity.users.password.done")}
        </Button>
      }
    >
      {value && (
        <>
          <Alert
            type="warning"
            showIcon
            title={t("identity.users.password.onceWarning")}
            style={{ marginBottom: 16 }}
          />
          <Descriptions
            column={1}
            bordered
            size="small"
            items={[
              {
                key: "account",
                label: t("identity.users.password.account"),
                children: `${value.displayName}（${value.username}）`,
              },
              {
                key: "password",
                label: t("identity.users.password.label"),
                children: (
                  <Typography.Text
                    copyable={{ text: value.password }}
                    code
                    style={{ fontSize: 16 }}
                    data-testid="temporary-password"
                  >
                    {value.password}
                  </Typography.Text>
                ),
              },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t("identity.users.password.mustChange")}
          </Typography.Paragraph>
          {value.totpRequired && (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="password-totp-note">
              {t("identity.users.password.totpRequired")}
            </Typography.Paragraph>
          )}
        </>
      )}
    </Modal>
  );
}
