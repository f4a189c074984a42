import { t } from "../i18n";

/** Previous / next paging with "第 x / y 页", for public lists. */
export function Pager({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (p: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={t("portal.pager.label")}>
      <button type="button" className="btn btn-toggle" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t("portal.pager.prev")}
      </button>
      <span>{t("portal.pager.status", { page, pages, total })}</span>
      <button type="button" className="btn btn-toggle" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t("portal.pager.next")}
      </button>
    </nav>
  );
}
