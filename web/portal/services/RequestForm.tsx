import { type FormEvent, useState } from "react";
import type { z } from "zod";
import type { publicWindowView } from "../../../contracts/services";
import { type FieldError, PublicApiError, publicApi } from "../api";
import { t } from "../i18n";
import { Link } from "../router";

export type PublicWindow = z.infer<typeof publicWindowView>;
export type PublicOptions = { windows: PublicWindow[]; categories: { code: string; label: string }[] };
type Receipt = { trackingCode: string; message: string };

const errorOf = (fields: FieldError[], name: string) => fields.find((f) => f.field === name)?.message;

/** 网上申请: window, category (法律援助 goes through the green channel), what is needed, name and phone, the notice. */
export function RequestForm({ options }: { options: PublicOptions }) {
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<PublicApiError | null>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  // A guide's 在线申请 link names its category (?category=…): chosen when the category is offered.
  const [category, setCategory] = useState(() => {
    const asked = new URLSearchParams(window.location.search).get("category") ?? "";
    return options.categories.some((c) => c.code === asked) ? asked : "";
  });
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const get = (k: string) => String(form.get(k) ?? "");
    setSending(true);
    setError(null);
    try {
      setReceipt(
        await publicApi<Receipt>("/api/public/services/requests", {
          method: "POST",
          body: {
            windowId: get("windowId"),
            category: get("category"),
            description: get("description"),
            language: get("language") || "汉语",
            name: get("name"),
            phone: get("phone"),
            consent: form.get("consent") === "on",
          },
        }),
      );
    } catch (err) {
      setError(err instanceof PublicApiError ? err : new PublicApiError(String(err), 0));
    } finally {
      setSending(false);
    }
  };
  if (receipt)
    return (
      <div className="alert alert-success" role="status">
        <p>{receipt.message}</p>
        <p>
          {t("portal.serviceDesk.code")}
          <strong className="tracking-code" data-testid="tracking-code">
            {receipt.trackingCode}
          </strong>
        </p>
        <Link href={`/requests/track?code=${receipt.trackingCode}`}>{t("portal.serviceDesk.trackNow")}</Link>
      </div>
    );
  const fields = error?.fields ?? [];
  const field = (name: string, label: string, input: React.ReactNode, hint?: string) => {
    const message = errorOf(fields, name);
    return (
      <div className={message ? "field field-invalid" : "field"}>
        <label htmlFor={`req-${name}`}>{label}</label>
        {hint && <p className="hint">{hint}</p>}
        {input}
        {message && (
          <p className="field-error" role="alert">
            {message}
          </p>
        )}
      </div>
    );
  };
  const aria = (name: string) => ({
    id: `req-${name}`,
    name,
    "aria-invalid": errorOf(fields, name) ? true : undefined,
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      {error && fields.length === 0 && (
        <p className="alert alert-error" role="alert">
          {error.message}
        </p>
      )}
      {field(
        "category",
        t("portal.serviceDesk.category"),
        <select {...aria("category")} value={category} onChange={(e) => setCategory(e.target.value)} required>
          <option value="">{t("portal.serviceDesk.choose")}</option>
          {options.categories.map((c) => (
            <option key={c.code} value={c.code}>
              {c.label}
            </option>
          ))}
        </select>,
        category === "legal_aid" ? t("portal.serviceDesk.green") : undefined,
      )}
      {field(
        "windowId",
        t("portal.serviceDesk.window"),
        <select {...aria("windowId")} defaultValue="" required>
          <option value="">{t("portal.serviceDesk.choose")}</option>
          {options.windows.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}（{w.regionName}）
            </option>
          ))}
        </select>,
      )}
      {field(
        "language",
        t("portal.serviceDesk.language"),
        <select {...aria("language")} defaultValue="汉语">
          <option value="汉语">{t("portal.serviceDesk.languageOptions.zh")}</option>
          <option value="蒙古语">{t("portal.serviceDesk.languageOptions.mn")}</option>
        </select>,
      )}
      {field(
        "description",
        t("portal.serviceDesk.description"),
        <textarea {...aria("description")} rows={5} maxLength={2000} required />,
        t("portal.serviceDesk.descriptionHint"),
      )}
      {field(
        "name",
        t("portal.serviceDesk.name"),
        <input {...aria("name")} autoComplete="name" maxLength={30} required />,
      )}
      {field(
        "phone",
        t("portal.serviceDesk.phone"),
        <input {...aria("phone")} type="tel" inputMode="numeric" autoComplete="tel" maxLength={13} required />,
      )}
      <div className="panel">
        <h2 className="sub-title">{t("portal.serviceDesk.privacyTitle")}</h2>
        <p className="hint">{t("portal.serviceDesk.privacy")}</p>
        <div className={errorOf(fields, "consent") ? "field field-invalid" : "field"}>
          <label>
            <input type="checkbox" name="consent" id="req-consent" /> {t("portal.serviceDesk.consent")}
          </label>
          {errorOf(fields, "consent") && (
            <p className="field-error" role="alert">
              {errorOf(fields, "consent")}
            </p>
          )}
        </div>
      </div>
      <button type="submit" className="btn btn-primary" disabled={sending}>
        {sending ? t("portal.serviceDesk.sending") : t("portal.serviceDesk.submit")}
      </button>
    </form>
  );
}
