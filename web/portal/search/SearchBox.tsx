import { type FormEvent, useState } from "react";
import { query } from "../api";
import { t } from "../i18n";
import { navigate } from "../router";

/** The search box: on the home page and at the top of the results. */
export function SearchBox({ initial = "", id = "site-search" }: { initial?: string; id?: string }) {
  const [q, setQ] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (q.trim()) navigate(`/search${query({ q: q.trim() })}`);
  };
  return (
    <form className="form form-inline site-search" aria-label={t("portal.search.label")} onSubmit={submit}>
      <div className="field">
        <label htmlFor={id}>{t("portal.search.label")}</label>
        <input
          id={id}
          type="search"
          name="q"
          value={q}
          maxLength={50}
          placeholder={t("portal.search.hint")}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      <div className="filter-actions">
        <button type="submit" className="btn btn-primary">
          {t("portal.search.submit")}
        </button>
      </div>
    </form>
  );
}
