import { type FormEvent, useState } from "react";
import type { PublicRequestStatus, Satisfaction } from "../../../contracts/services";
import { PublicApiError, publicApi } from "../api";
import { cnDate, cnDateOfInstant } from "../creation/format";
import { t } from "../i18n";
import { Link } from "../router";
import { useFetch } from "../useFetch";

const RATINGS: Satisfaction[] = ["satisfied", "basically", "dissatisfied"];

/** Rating once answered: 满意/基本满意/不满意 and "partly solved". */
function Rate({ code, onDone }: { code: string; onDone: (s: PublicRequestStatus) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setSending(true);
    setError(null);
    try {
      onDone(
        await publicApi<PublicRequestStatus>(`/api/public/services/requests/${code}/rate`, {
          method: "POST",
          body: { satisfaction: String(form.get("satisfaction") ?? ""), partlySolved: form.get("partly") === "on" },
        }),
      );
    } catch (err) {
      setError(err instanceof PublicApiError ? err.message : String(err));
    } finally {
      setSending(false);
    }
  };
  return (
    <form className="form panel" onSubmit={submit}>
      <h2 className="sub-title">{t("portal.serviceDesk.rateTitle")}</h2>
      {error && <p className="alert alert-error">{error}</p>}
      <fieldset className="field" style={{ border: 0, padding: 0 }}>
        <legend>{t("portal.serviceDesk.rateLegend")}</legend>
        {RATINGS.map((value) => (
          <label key={value} style={{ marginInlineEnd: 16 }}>
            <input type="radio" name="satisfaction" value={value} required /> {t(`portal.serviceDesk.ratings.${value}`)}
          </label>
        ))}
      </fieldset>
      <label>
        <input type="checkbox" name="partly" /> {t("portal.serviceDesk.partly")}
      </label>
      <button type="submit" className="btn btn-primary" disabled={sending}>
        {t("portal.serviceDesk.rateSubmit")}
      </button>
    </form>
  );
}

/** 申请重新办理: a closed request, within the period the settings give, with the reason (back to the window). */
function Reopen({ s, onDone }: { s: PublicRequestStatus; onDone: (s: PublicRequestStatus) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const until = s.reopenUntil ? cnDate(s.reopenUntil) : "";
  if (!s.canReopen) {
    return <p className="alert">{t("portal.serviceDesk.reopenExpired", { until })}</p>;
  }
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const reason = String(new FormData(e.currentTarget).get("reason") ?? "").trim();
    setSending(true);
    setError(null);
    try {
      onDone(
        await publicApi<PublicRequestStatus>(`/api/public/services/requests/${s.trackingCode}/reopen`, {
          method: "POST",
          body: { reason },
        }),
      );
    } catch (err) {
      setError(err instanceof PublicApiError ? err.message : String(err));
    } finally {
      setSending(false);
    }
  };
  return (
    <form className="form panel" onSubmit={submit} aria-labelledby="reopen-title">
      <h2 className="sub-title" id="reopen-title">
        {t("portal.serviceDesk.reopenTitle")}
      </h2>
      <p>{t("portal.serviceDesk.reopenLead", { until })}</p>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <div className="field">
        <label htmlFor="reopen-reason">{t("portal.serviceDesk.reopenReason")}</label>
        <textarea id="reopen-reason" name="reason" rows={3} maxLength={500} required aria-describedby="reopen-hint" />
        <p className="hint" id="reopen-hint">
          {t("portal.serviceDesk.reopenHint")}
        </p>
      </div>
      <button type="submit" className="btn btn-primary" disabled={sending}>
        {t("portal.serviceDesk.reopenSubmit")}
      </button>
    </form>
  );
}

function Status({ s, onRated }: { s: PublicRequestStatus; onRated: (s: PublicRequestStatus) => void }) {
  return (
    <>
      <dl className="result" aria-live="polite">
        <dt>{t("portal.serviceDesk.category")}</dt>
        <dd>
          {s.categoryLabel}
          {s.green && <span className="badge badge-open"> {t("portal.serviceDesk.greenBadge")}</span>}
        </dd>
        <dt>{t("portal.serviceDesk.submittedOn")}</dt>
        <dd>{cnDateOfInstant(s.createdAt)}</dd>
        <dt>{t("portal.serviceDesk.status")}</dt>
        <dd>
          <span className="badge badge-pending">{s.statusLabel}</span>
          {s.overdue && <span className="badge"> {t("portal.serviceDesk.overdue")}</span>}
        </dd>
        <dt>{t("portal.serviceDesk.window")}</dt>
        <dd>{s.windowName}</dd>
        {s.deptOrgName && (
          <>
            <dt>{t("portal.serviceDesk.dept")}</dt>
            <dd>{s.deptOrgName}</dd>
          </>
        )}
        {s.dueOn && !s.answer && (
          <>
            <dt>{t("portal.serviceDesk.dueOn")}</dt>
            <dd>{cnDate(s.dueOn)}</dd>
          </>
        )}
        {s.answer && (
          <>
            <dt>{t("portal.serviceDesk.answer")}</dt>
            <dd>
              {s.answer}（{cnDateOfInstant(s.answeredAt)}）
            </dd>
          </>
        )}
        {s.satisfactionLabel && (
          <>
            <dt>{t("portal.serviceDesk.rating")}</dt>
            <dd>
              {s.satisfactionLabel}
              {s.partlySolved ? t("portal.serviceDesk.partlyMark") : ""}
            </dd>
          </>
        )}
      </dl>
      {s.canRate && <Rate code={s.trackingCode} onDone={onRated} />}
      {s.status === "closed" && s.reopenUntil && <Reopen s={s} onDone={onRated} />}
      <h2 className="sub-title">{t("portal.serviceDesk.progress")}</h2>
      <ul className="notice-list">
        {s.events.map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of past events
          <li key={i} className="notice-row">
            {cnDateOfInstant(e.at)} {e.actionLabel}
            {e.note ? `：${e.note}` : ""}
          </li>
        ))}
      </ul>
      <h2 className="sub-title">{t("portal.serviceDesk.accesses")}</h2>
      {s.accesses.length === 0 ? (
        <p className="empty">{t("portal.serviceDesk.noAccess")}</p>
      ) : (
        <section
          className="table-wrap"
          aria-label={t("portal.serviceDesk.accesses")}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box is reached by the keyboard to scroll it
          tabIndex={0}
        >
          <table className="table table-cards">
            <thead>
              <tr>
                <th scope="col">{t("portal.serviceDesk.accessAt")}</th>
                <th scope="col">{t("portal.serviceDesk.accessOrg")}</th>
                <th scope="col">{t("portal.serviceDesk.accessField")}</th>
                <th scope="col">{t("portal.serviceDesk.accessReason")}</th>
              </tr>
            </thead>
            <tbody>
              {s.accesses.map((a) => (
                <tr key={`${a.at}-${a.field}`}>
                  <td data-label={t("portal.serviceDesk.accessAt")}>{cnDateOfInstant(a.at)}</td>
                  <td data-label={t("portal.serviceDesk.accessOrg")}>{a.orgName}</td>
                  <td data-label={t("portal.serviceDesk.accessField")}>{a.fieldLabel}</td>
                  <td data-label={t("portal.serviceDesk.accessReason")}>{a.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}

/** 凭查询码查询: status, the department, due date (overdue shown), answer, rating, and who accessed the person's data. */
export function TrackRequest() {
  const initial = (new URLSearchParams(window.location.search).get("code") ?? "").toUpperCase();
  const [code, setCode] = useState(initial);
  const [asked, setAsked] = useState(initial);
  const [rated, setRated] = useState<PublicRequestStatus | null>(null);
  const valid = /^[A-Z2-9]{10}$/.test(asked);
  const { data, error, loading } = useFetch<PublicRequestStatus>(
    valid ? `/api/public/services/requests/${asked}` : null,
  );
  const shown = rated?.trackingCode === asked ? rated : data;
  return (
    <section className="container page" aria-labelledby="track-title">
      <p>
        <Link href="/requests">{t("portal.serviceDesk.back")}</Link>
      </p>
      <div className="section-head">
        <h1 id="track-title">{t("portal.serviceDesk.trackTitle")}</h1>
        <p>{t("portal.serviceDesk.trackLead")}</p>
      </div>
      <form
        className="form form-inline"
        onSubmit={(e) => {
          e.preventDefault();
          setRated(null);
          setAsked(code.trim().toUpperCase());
        }}
      >
        <div className={asked && !valid ? "field field-invalid" : "field"}>
          <label htmlFor="track-code">{t("portal.serviceDesk.codeLabel")}</label>
          <input
            id="track-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            maxLength={10}
            autoComplete="off"
          />
          {asked && !valid && (
            <p className="field-error" role="alert">
              {t("portal.track.invalid")}
            </p>
          )}
        </div>
        <button type="submit" className="btn btn-primary">
          {t("portal.track.submit")}
        </button>
      </form>
      {loading && <p className="loading">{t("portal.loading")}</p>}
      {error && (
        <p className="alert alert-error" role="alert">
          {error.status === 404 ? t("portal.serviceDesk.notFound") : error.message}
        </p>
      )}
      {shown && valid && <Status s={shown} onRated={setRated} />}
    </section>
  );
}
