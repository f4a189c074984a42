import { Alert, Button, Drawer, type FormInstance, Space } from "antd";
import { type CSSProperties, type ReactNode, useCallback, useState } from "react";
import { t } from "../i18n";
import { applyServerErrors } from "./serverErrors";

/**
 * The saving state and the server's errors of one form: `run(work)` marks the form saving, clears the last
 * error, runs the request and, when it fails, puts the field errors on their fields (applyServerErrors) and
 * keeps the rest as `error` for a <FormErrorAlert>. `clearError` goes in the form's onValuesChange. Forms with
 * lists pass their own `apply` (e.g. `(f, e) => applyNestedErrors(f, e, ["findings"])`, kept stable).
 */
export function useServerForm<V>(
  form: FormInstance<V>,
  apply: (form: FormInstance<V>, error: unknown) => string | null = applyServerErrors,
) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (work: () => Promise<void>) => {
      setSaving(true);
      setError(null);
      try {
        await work();
      } catch (e) {
        setError(apply(form, e));
      } finally {
        setSaving(false);
      }
    },
    [form, apply],
  );
  const clearError = useCallback(() => setError((e) => (e === null ? e : null)), []);
  return { saving, error, setError, run, clearError };
}

/** The alert for an error that is not about one field (empty when there is none). */
export function FormErrorAlert({ error, style }: { error: string | null; style?: CSSProperties }) {
  if (!error) return null;
  return <Alert type="error" showIcon title={error} style={style ?? { marginBottom: 16 }} data-testid="form-error" />;
}

/**
 * A create/edit form in a side drawer: the title, the 取消/保存 footer (保存 submits `form` and shows the
 * saving state), the non-field error above the form, and the form itself as children. Pair with
 * useServerForm; see web/modules/org/OrgForm.tsx.
 */
export function FormDrawer({
  open,
  onClose,
  title,
  form,
  saving,
  error,
  submitTestId,
  submitDisabled,
  submitText,
  size = 720,
  intro,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  form: FormInstance;
  saving: boolean;
  error: string | null;
  submitTestId?: string;
  submitDisabled?: boolean;
  submitText?: ReactNode;
  size?: number;
  /** Shown above the error alert, e.g. a hint about the form. */
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={title}
      size={size}
      mask={{ closable: false }}
      footer={
        <Space style={{ display: "flex", justifyContent: "flex-end" }}>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button
            type="primary"
            loading={saving}
            disabled={submitDisabled}
            onClick={() => form.submit()}
            data-testid={submitTestId}
          >
            {submitText ?? t("common.save")}
          </Button>
        </Space>
      }
    >
      {intro}
      <FormErrorAlert error={error} />
      {children}
    </Drawer>
  );
}
