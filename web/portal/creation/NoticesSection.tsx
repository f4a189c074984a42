import { type FormEvent, useState } from "react";
import { type FieldError, PublicApiError, publicApi, query } from "../api";
import { localized, t } from "../i18n";
import { Link } from "../router";
import { useFetch } from "../useFetch";
import { cnDate, cnDateOfInstant } from "./format";
import { Pager } from "./Pager";
import type { ObjectionReceipt, Page } from "./types";

const PAGE_SIZE = 10;

/** The notice's title in the visitor's language (the Mongolian one where staff entered it), linking to it. */
function NoticeTitle({ notice }: { notice: Pick<PublicNotice, "id" | "title" | "titleMn"> }) {
  const title = localized(notice.title, notice.titleMn);
  return (
    <Link href={`/notices/${notice.id}`} className="notice-title" lang={title.lang}>
      {title.text}
    </Link>
  );
}

/**
 * 公示公告 reads the shared 公示/异议 module (/api/public/publicity): every owner's notices (示范创建, 表彰, …) in one
 * list with its kind shown, one objection form and one tracking page.
 */
interface PublicNotice {
  id: string;
  owner: string;
  ownerLabel: string;
  title: string;
  /** 蒙古文标题, "" when none. */
  titleMn: string;
  body: string;
  phase: "draft" | "upcoming" | "open" | "ended";
  workingDays: number;
  startsOn: string | null;
  endsOn: string | null;
  issuerOrgName: string;
  items: {
    itemId: string;
    label: string;
    detail: { label: string; value: string }[];
    removed: boolean;
    removedReason: string | null;
  }[];
}
interface ObjectionStatusView {
  noticeTitle: string;
  itemLabel: string | null;
  status: string;
  statusLabel: string;
  reply: string | null;
  outcomeLabel: string | null;
  createdAt: string;
}
const OWNERS = [
  ["", "portal.notices.kindAll"],
  ["creation", "portal.notices.owners.creation"],
  ["honors", "portal.notices.owners.honors"],
] as const;

function PhaseBadge({ phase }: { phase: PublicNotice["phase"] }) {
  return <span className={`badge badge-${phase}`}>{t(`portal.notices.phase.${phase}`)}</span>;
}

function Window({ notice }: { notice: PublicNotice }) {
  if (!notice.startsOn) return null;
  return (
    <span>
      {t("portal.notices.window", {
        from: cnDate(notice.startsOn),
        to: cnDate(notice.endsOn),
        days: notice.workingDays,
      })}
    </span>
  );
}

function NoticeList() {
  const [page, setPage] = useState(1);
  const [owner, setOwner] = useState("");
  const { data, error, loading } = useFetch<Page<PublicNotice>>(
    `/api/public/publicity/notices${query({ page, pageSize: PAGE_SIZE, owner: owner || undefined })}`,
  );
  return (
    <section className="container page" aria-labelledby="notices-title">
      <div className="section-head">
        <h1 id="notices-title">{t("portal.sections.notices.title")}</h1>
        <p>{t("portal.notices.lead")}</p>
        <p>
          <Link href="/notices/track">{t("portal.notices.trackLink")}</Link>
        </p>
      </div>
      <div className="form form-inline">
        <div className="field">
          <label htmlFor="notice-kind">{t("portal.notices.kindFilter")}</label>
          <select
            id="notice-kind"
            value={owner}
            onChange={(e) => {
              setOwner(e.target.value);
              setPage(1);
            }}
          >
            {OWNERS.map(([value, label]) => (
              <option key={value} value={value}>
                {t(label)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error && <p className="alert alert-error">{error.message}</p>}
      {loading && !data && <p className="loading">{t("portal.loading")}</p>}
      {data && data.items.length === 0 && <p className="empty">{t("portal.notices.empty")}</p>}
      <ul className="notice-list">
        {data?.items.map((n) => (
          <li key={n.id} className="notice-row">
            <div className="notice-row-head">
              <PhaseBadge phase={n.phase} />
              <span className="badge badge-kind">{n.ownerLabel}</span>
              <NoticeTitle notice={n} />
            </div>
            <p className="meta">
              <span>{n.issuerOrgName}</span>
              <Window notice={n} />
              <span>{t("portal.notices.unitCount", { n: n.items.length })}</span>
            </p>
          </li>
        ))}
      </ul>
      {data && <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onPage={setPage} />}
    </section>
  );
}

/** The target select keeps its id `objection-applicationId`; the server names the field itemId. */
function errorOf(fields: FieldError[], name: string) {
  const wire = name === "applicationId" ? "itemId" : name;
  return fields.find((f) => f.field === wire)?.message;
}

/** The objection form: real name and phone (encrypted on the server, only to verify), the text, which unit. */
function ObjectionForm({ notice }: { notice: PublicNotice }) {
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<PublicApiError | null>(null);
  const [receipt, setReceipt] = useState<ObjectionReceipt | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const applicationId = String(form.get("applicationId") ?? "");
    setSending(true);
    setError(null);
    try {
      setReceipt(
        await publicApi<ObjectionReceipt>(`/api/public/publicity/notices/${notice.id}/objections`, {
          method: "POST",
          body: {
            contactName: String(form.get("contactName") ?? ""),
            phone: String(form.get("phone") ?? ""),
            content: String(form.get("content") ?? ""),
            ...(applicationId ? { itemId: applicationId } : {}),
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
          {t("portal.objection.code")}
          <strong className="tracking-code">{receipt.trackingCode}</strong>
        </p>
        <p>{t("portal.objection.keepCode")}</p>
        <Link href={`/notices/track?code=${receipt.trackingCode}`}>{t("portal.objection.trackNow")}</Link>
      </div>
    );
  const fields = error?.fields ?? [];
  const field = (name: string, label: string, input: React.ReactNode, hint?: string) => {
    const message = errorOf(fields, name);
    return (
      <div className={message ? "field field-invalid" : "field"}>
        <label htmlFor={`objection-${name}`}>{label}</label>
        {hint && (
          <p className="hint" id={`objection-${name}-hint`}>
            {hint}
          </p>
        )}
        {input}
        {message && (
          <p className="field-error" id={`objection-${name}-error`} role="alert">
            {message}
          </p>
        )}
      </div>
    );
  };
  const aria = (name: string, hint = false) => ({
    id: `objection-${name}`,
    name,
    "aria-invalid": errorOf(fields, name) ? true : undefined,
    "aria-describedby":
      [hint ? `objection-${name}-hint` : "", errorOf(fields, name) ? `objection-${name}-error` : ""]
        .filter(Boolean)
        .join(" ") || undefined,
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <p className="hint">{t("portal.objection.privacy")}</p>
      {error && fields.length === 0 && (
        <p className="alert alert-error" role="alert">
          {error.message}
        </p>
      )}
      {field(
        "applicationId",
        t("portal.objection.target"),
        <select {...aria("applicationId")} defaultValue="">
          <option value="">{t("portal.objection.wholeNotice")}</option>
          {notice.items
            .filter((i) => !i.removed)
            .map((i) => (
              <option key={i.itemId} value={i.itemId}>
                {i.label}
              </option>
            ))}
        </select>,
      )}
      {field(
        "contactName",
        t("portal.objection.name"),
        <input {...aria("contactName")} autoComplete="name" maxLength={30} required />,
      )}
      {field(
        "phone",
        t("portal.objection.phone"),
        <input {...aria("phone", true)} type="tel" inputMode="numeric" autoComplete="tel" maxLength={11} required />,
        t("portal.objection.phoneHint"),
      )}
      {field(
        "content",
        t("portal.objection.content"),
        <textarea {...aria("content", true)} rows={6} maxLength={2000} required />,
        t("portal.objection.contentHint"),
      )}
      <button type="submit" className="btn btn-primary" disabled={sending}>
        {sending ? t("portal.objection.sending") : t("portal.objection.submit")}
      </button>
    </form>
  );
}

function NoticeDetail({ id }: { id: string }) {
  const { data: notice, error } = useFetch<PublicNotice>(`/api/public/publicity/notices/${id}`);
  if (error)
    return (
      <section className="container page">
        <p className="alert alert-error">{error.status === 404 ? t("portal.notices.notFound") : error.message}</p>
        <Link href="/notices">{t("portal.notices.back")}</Link>
      </section>
    );
  if (!notice) return <p className="container loading">{t("portal.loading")}</p>;
  const columns = [...new Set(notice.items.flatMap((i) => i.detail.map((d) => d.label)))];
  return (
    <article className="container page" aria-labelledby="notice-title">
      <p>
        <Link href="/notices">{t("portal.notices.back")}</Link>
      </p>
      <header className="article-head">
        <PhaseBadge phase={notice.phase} />
        <span className="badge badge-kind">{notice.ownerLabel}</span>
        <h1 id="notice-title" lang={localized(notice.title, notice.titleMn).lang}>
          {localized(notice.title, notice.titleMn).text}
        </h1>
        <p className="meta">
          <span>{notice.issuerOrgName}</span>
          <Window notice={notice} />
        </p>
      </header>
      {notice.body && (
        <div className="article-body">
          {notice.body.split(/\n+/).map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of a fixed text
            <p key={i}>{p}</p>
          ))}
        </div>
      )}
      <h2 className="sub-title">{t("portal.notices.listTitle", { n: notice.items.length })}</h2>
      <section
        className="table-wrap"
        aria-label={t("portal.notices.listTitle", { n: notice.items.length })}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box is reached by the keyboard to scroll it
        tabIndex={0}
      >
        <table className="table table-cards">
          <thead>
            <tr>
              <th scope="col">{t("portal.notices.col.no")}</th>
              <th scope="col">{t("portal.notices.col.org")}</th>
              {columns.map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
              <th scope="col">{t("portal.notices.col.status")}</th>
            </tr>
          </thead>
          <tbody>
            {notice.items.map((i, k) => (
              <tr key={i.itemId} className={i.removed ? "row-removed" : undefined}>
                <td data-label={t("portal.notices.col.no")}>{k + 1}</td>
                <td data-label={t("portal.notices.col.org")}>{i.label}</td>
                {columns.map((c) => {
                  const value = i.detail.find((d) => d.label === c)?.value ?? "";
                  return (
                    <td data-label={c} key={c} className={value ? undefined : "cell-empty"}>
                      {value}
                    </td>
                  );
                })}
                <td data-label={t("portal.notices.col.status")}>
                  {i.removed
                    ? t("portal.notices.removed", { reason: i.removedReason ?? "" })
                    : t("portal.notices.listed")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel" aria-labelledby="objection-title">
        <h2 id="objection-title" className="sub-title">
          {t("portal.objection.title")}
        </h2>
        {notice.phase === "open" ? (
          <ObjectionForm notice={notice} />
        ) : (
          <p>{t(notice.phase === "upcoming" ? "portal.objection.notYet" : "portal.objection.closed")}</p>
        )}
      </section>
    </article>
  );
}

/** 凭查询码查看异议处理结果. */
function TrackObjection() {
  const initial = new URLSearchParams(window.location.search).get("code") ?? "";
  const [code, setCode] = useState(initial.toUpperCase());
  const [asked, setAsked] = useState(initial ? initial.toUpperCase() : "");
  const valid = /^[A-Z2-9]{10}$/.test(asked);
  const { data, error, loading } = useFetch<ObjectionStatusView>(
    valid ? `/api/public/publicity/objections/${asked}` : null,
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsked(code.trim().toUpperCase());
  };
  return (
    <section className="container page" aria-labelledby="track-title">
      <p>
        <Link href="/notices">{t("portal.notices.back")}</Link>
      </p>
      <div className="section-head">
        <h1 id="track-title">{t("portal.track.title")}</h1>
        <p>{t("portal.track.lead")}</p>
      </div>
      <form className="form form-inline" onSubmit={submit}>
        <div className={asked && !valid ? "field field-invalid" : "field"}>
          <label htmlFor="track-code">{t("portal.track.code")}</label>
          <input
            id="track-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            maxLength={10}
            autoComplete="off"
            aria-invalid={asked && !valid ? true : undefined}
            aria-describedby={asked && !valid ? "track-code-error" : undefined}
          />
          {asked && !valid && (
            <p className="field-error" id="track-code-error" role="alert">
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
          {error.status === 404 ? t("portal.track.notFound") : error.message}
        </p>
      )}
      {data && valid && (
        <dl className="result" aria-live="polite">
          <dt>{t("portal.track.notice")}</dt>
          <dd>{data.noticeTitle}</dd>
          {data.itemLabel && (
            <>
              <dt>{t("portal.track.item")}</dt>
              <dd>{data.itemLabel}</dd>
            </>
          )}
          <dt>{t("portal.track.submittedOn")}</dt>
          <dd>{cnDateOfInstant(data.createdAt)}</dd>
          <dt>{t("portal.track.status")}</dt>
          <dd>
            <span className={`badge badge-${data.status}`}>{data.statusLabel}</span>
          </dd>
          {data.reply && (
            <>
              <dt>{t("portal.track.reply")}</dt>
              <dd>{data.reply}</dd>
            </>
          )}
          {data.outcomeLabel && (
            <>
              <dt>{t("portal.track.effect")}</dt>
              <dd>{data.outcomeLabel}</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}

/** 公示公告: /notices (list), /notices/track (objection status), /notices/:id (notice and objection form). */
export default function NoticesSection({ subPath }: { subPath: string }) {
  const rest = subPath.replace(/^\/+/, "");
  if (rest === "") return <NoticeList />;
  if (rest === "track") return <TrackObjection />;
  return <NoticeDetail id={rest} />;
}
