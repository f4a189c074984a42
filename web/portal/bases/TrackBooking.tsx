import { type FormEvent, useState } from "react";
import { PublicApiError, publicApi } from "../api";
import { cnDate } from "../creation/format";
import { t } from "../i18n";
import { Link } from "../router";
import { useFetch } from "../useFetch";
import type { BookingStatusView } from "./types";

const CODE = /^[A-Z2-9]{10}$/;

/** 查询预约: the booking by its code (contact masked), and cancelling it with the phone given when booking. */
export default function TrackBooking({ initialCode }: { initialCode: string }) {
  const [draft, setDraft] = useState(initialCode);
  const [code, setCode] = useState(CODE.test(initialCode) ? initialCode : "");
  const [asked, setAsked] = useState(false);
  const [phone, setPhone] = useState("");
  const [cancelled, setCancelled] = useState<BookingStatusView | null>(null);
  const [failure, setFailure] = useState("");
  const {
    data: fetched,
    error,
    loading,
  } = useFetch<BookingStatusView>(code ? `/api/public/bases/bookings/${code}` : null);
  const data = cancelled ?? fetched;
  const valid = CODE.test(draft.trim().toUpperCase());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsked(true);
    setCancelled(null);
    if (valid) setCode(draft.trim().toUpperCase());
  };
  const cancel = async (e: FormEvent) => {
    e.preventDefault();
    setFailure("");
    try {
      setCancelled(
        await publicApi<BookingStatusView>(`/api/public/bases/bookings/${code}/cancel`, {
          method: "POST",
          body: { contactPhone: phone.trim() },
        }),
      );
    } catch (err) {
      setFailure(err instanceof PublicApiError ? err.message : String(err));
    }
  };
  return (
    <section className="container page" aria-labelledby="track-title">
      <p className="meta">
        <Link href="/bases">{t("portal.bases.back")}</Link>
      </p>
      <div className="section-head">
        <h1 id="track-title">{t("portal.bases.track.title")}</h1>
        <p>{t("portal.bases.track.lead")}</p>
      </div>
      <form className="form form-inline" onSubmit={submit}>
        <div className={asked && !valid ? "field field-invalid" : "field"}>
          <label htmlFor="track-code">{t("portal.bases.track.code")}</label>
          <input
            id="track-code"
            value={draft}
            maxLength={10}
            autoCapitalize="characters"
            onChange={(e) => setDraft(e.target.value)}
          />
          {asked && !valid && (
            <p className="field-error" role="alert">
              {t("portal.bases.track.invalid")}
            </p>
          )}
        </div>
        <button type="submit" className="btn btn-primary">
          {t("portal.bases.track.submit")}
        </button>
      </form>
      {loading && <p className="loading">{t("portal.loading")}</p>}
      {error && !cancelled && (
        <p className="alert alert-error" role="alert">
          {error.status === 404 ? t("portal.bases.track.notFound") : error.message}
        </p>
      )}
      {data && (
        <>
          <dl className="result" aria-live="polite">
            <dt>{t("portal.bases.track.base")}</dt>
            <dd>
              <Link href={`/bases/${data.baseId}`}>{data.baseName}</Link>
            </dd>
            <dt>{t("portal.bases.track.session")}</dt>
            <dd>
              {cnDate(data.sessionDate)} {data.startTime}-{data.endTime}
            </dd>
            <dt>{t("portal.bases.track.org")}</dt>
            <dd>{data.bookerOrgName}</dd>
            <dt>{t("portal.bases.track.size")}</dt>
            <dd>{data.groupSize}</dd>
            <dt>{t("portal.bases.track.contact")}</dt>
            <dd>
              {data.contactName} {data.contactPhone}
            </dd>
            <dt>{t("portal.bases.track.status")}</dt>
            <dd>
              <span className={`badge badge-${data.status}`}>{data.statusLabel}</span>
            </dd>
            {data.reason && (
              <>
                <dt>{t("portal.bases.track.reason")}</dt>
                <dd>{data.reason}</dd>
              </>
            )}
          </dl>
          {cancelled && <p className="alert alert-success">{t("portal.bases.track.cancelled")}</p>}
          {(data.status === "pending" || data.status === "approved") && (
            <form className="form form-inline" onSubmit={cancel}>
              <div className="field">
                <label htmlFor="cancel-phone">{t("portal.bases.track.cancelPhone")}</label>
                <input id="cancel-phone" type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
              </div>
              <button type="submit" className="btn btn-light">
                {t("portal.bases.track.cancel")}
              </button>
              {failure && (
                <p className="alert alert-error" role="alert">
                  {failure}
                </p>
              )}
            </form>
          )}
        </>
      )}
    </section>
  );
}
