import { ArrowLeftOutlined, PrinterOutlined } from "@ant-design/icons";
import { Alert, Button, Skeleton, Space } from "antd";
import dayjs from "dayjs";
import { type ReactNode, useEffect } from "react";
import { useNavigate } from "react-router";
import { t } from "../i18n";

/**
 * Printing (the rules are in app/print.css, loaded with the console): any page prints on A4 without the
 * console's menu, header and buttons. A detail page adds <PrintButton /> (window.print) and <PrintHeader
 * printOnly …/> to print as it is; a document with its own layout (申报表, 评分表, 命名决定, 证书) is a print view,
 * <PrintView>, reached by <PrintButton to="…/print" />.
 */

/** 打印: opens the print view at `to`, or prints this page. */
export function PrintButton({ to, label, testId }: { to?: string; label?: string; testId?: string }) {
  const navigate = useNavigate();
  return (
    <Button
      icon={<PrinterOutlined />}
      data-testid={testId ?? "print-button"}
      onClick={() => (to ? navigate(to) : window.print())}
    >
      {label ?? t("print.print")}
    </Button>
  );
}

/** The printed header: the document's title, the unit it concerns, its date (or the day it was printed). */
export function PrintHeader({
  title,
  unit,
  date,
  printOnly,
}: {
  title: ReactNode;
  unit?: ReactNode;
  date?: string | null;
  printOnly?: boolean;
}) {
  return (
    <div className={`print-header${printOnly ? " print-only" : ""}`} data-testid="print-header">
      <h1>{title}</h1>
      <div className="print-meta">
        <span>{unit ? t("print.unit", { unit: String(unit) }) : ""}</span>
        <span>
          {date
            ? t("print.date", { date })
            : t("print.printedOn", { date: dayjs().tz("Asia/Shanghai").format("YYYY-MM-DD") })}
        </span>
      </div>
    </div>
  );
}

/**
 * A print view: 返回 and 打印 above an A4 sheet (portrait, or landscape for a certificate) that starts with the
 * print header. The browser's document title becomes the title, which is the default name of a saved PDF.
 */
export function PrintView({
  title,
  unit,
  date,
  landscape,
  back,
  loading,
  error,
  children,
}: {
  title: string;
  unit?: string;
  date?: string | null;
  landscape?: boolean;
  back: string;
  loading?: boolean;
  error?: Error | null;
  children?: ReactNode;
}) {
  const navigate = useNavigate();
  useEffect(() => {
    const before = document.title;
    if (!loading && !error) document.title = title;
    return () => {
      document.title = before;
    };
  }, [title, loading, error]);
  return (
    <div className="print-view" data-testid="print-view">
      {landscape && <style>{"@page { size: A4 landscape; }"}</style>}
      <div className="print-toolbar">
        <Space>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(back)}>
            {t("print.back")}
          </Button>
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            disabled={loading || !!error}
            onClick={() => window.print()}
            data-testid="print-now"
          >
            {t("print.print")}
          </Button>
        </Space>
      </div>
      <div className={`print-sheet${landscape ? " landscape" : ""}`}>
        {error ? (
          <Alert type="error" showIcon title={t("common.loadFailed", { message: error.message })} />
        ) : loading ? (
          <Skeleton active paragraph={{ rows: 10 }} />
        ) : (
          <>
            {!landscape && <PrintHeader title={title} unit={unit} date={date} />}
            {children}
          </>
        )}
      </div>
    </div>
  );
}

/** A two-column key/value table of a printed document. */
export function PrintFields({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <table className="print-table">
      <tbody>
        {items.map((i) => (
          <tr key={i.label}>
            <th style={{ width: "18%" }}>{i.label}</th>
            <td>{i.value ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
