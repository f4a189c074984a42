import { type FormEvent, useState } from "react";
import { type FieldError, PublicApiError, publicApi } from "../api";
import { cnDate } from "../creation/format";
import { t } from "../i18n";
import { Link } from "../router";
import { useFetch } from "../useFetch";
import type { BasePage, BookingReceipt } from "./types";

type Values = { bookerOrgName: string; groupSize: string; contactName: string; contactPhone: string; note: string };
const FIELDS = [
  ["bookerOrgName", "org", "text", 100],
  ["groupSize", "size", "number", 6],
  ["contactName", "contact", "text", 30],
  ["contactPhone", "phone", "tel", 20],
] as const;

/** The group-visit booking form of one session, and its result: the tracking code. */
export default function BookingForm({ baseId, sessionId }: { baseId: string; sessionId: string }) {
  const { data: page, error } = useFetch<BasePage>(`/api/public/bases/${baseId}`);
  const [v, setV] = useState<Values>({ bookerOrgName: "", groupSize: "", contactName: "", contactPhone: "", note: "" });
  const [fields, setFields] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState("");
  const [sending, setSending] = useState(false);
  const [receipt, setReceipt] = useState<BookingReceipt | null>(null);
  if (error) return <p className="container alert alert-error">{error.message}</p>;
  if (!page) return <p className="container loading">{t("portal.loading")}</p>;
  const session = page.sessions.find((s) => s.id === sessionId);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing = FIELDS.filter(([k]) => !v[k].trim()).map(([k, label]) => ({
      field: k,
      label: t(`portal.bases.form.${label}`),
      message: t("portal.bases.form.required", { label: t(`portal.bases.form.${label}`) }),
    }));
    setFields(missing);
    setFailure("");
    if (missing.length) return;
    setSending(true);
    try {
      const body = {
        bookerOrgName: v.bookerOrgName.trim(),
        groupSize: Number(v.groupSize),
        contactName: v.contactName.trim(),
        contactPhone: v.contactPhone.trim(),
        note: v.note.trim() || null,
      };
      setReceipt(
        await publicApi<BookingReceipt>(`/api/public/bases/sessions/${sessionId}/bookings`, { method: "POST", body }),
      );
    } catch (err) {
      const apiErr = err instanceof PublicApiError ? err : new PublicApiError(String(err), 0);
      setFields(apiErr.fields);
      setFailure(apiErr.message);
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="container page" aria-labelledby="booking-title">
      <p className="meta">
        <Link href={`/bases/${baseId}`}>{t("portal.bases.backToBase", { name: page.name })}</Link>
      </p>
      <div className="section-head">
        <h1 id="booking-title">{t("portal.bases.form.title")}</h1>
        <p>{page.name}</p>
        {session && (
          <p>
            {t("portal.bases.form.session", {
              date: cnDate(session.date),
              start: session.startTime,
              end: session.endTime,
              n: session.remaining,
              max: session.maxPerGroup,
            })}
          </p>
        )}
      </div>
      {receipt ? (
        <div className="alert alert-success" role="status">
          <p>
            {t("portal.bases.form.done")}
            <strong className="tracking-code">{receipt.trackingCode}</strong>
          </p>
          <p>{t("portal.bases.form.keep")}</p>
          <p>
            <Link href={`/bases/booking/${receipt.trackingCode}`}>{t("portal.bases.form.track")}</Link>
          </p>
        </div>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          <p className="hint">{t("portal.bases.form.privacy")}</p>
          {failure && (
            <p className="alert alert-error" role="alert">
              {failure}
            </p>
          )}
          {FIELDS.map(([name, label, type, max]) => {
            const message = fields.find((f) => f.field === name)?.message;
            return (
              <div key={name} className={message ? "field field-invalid" : "field"}>
                <label htmlFor={`booking-${name}`}>{t(`portal.bases.form.${label}`)}</label>
                <input
                  id={`booking-${name}`}
                  type={type}
                  inputMode={type === "number" ? "numeric" : undefined}
                  min={type === "number" ? 1 : undefined}
                  maxLength={type === "number" ? undefined : max}
                  value={v[name]}
                  aria-invalid={message ? true : undefined}
                  aria-describedby={message ? `booking-${name}-error` : undefined}
                  onChange={(e) => setV({ ...v, [name]: e.target.value })}
                />
                {message && (
                  <p className="field-error" id={`booking-${name}-error`} role="alert">
                    {message}
                  </p>
                )}
              </div>
            );
          })}
          <div className="field">
            <label htmlFor="booking-note">{t("portal.bases.form.note")}</label>
            <textarea
              id="booking-note"
              rows={3}
              maxLength={500}
              value={v.note}
              onChange={(e) => setV({ ...v, note: e.target.value })}
            />
          </div>
          <button type="submit" className="btn btn-primary" disabled={sending}>
            {sending ? t("portal.bases.form.sending") : t("portal.bases.form.submit")}
          </button>
        </form>
      )}
    </section>
  );
}
