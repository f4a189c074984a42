import { type ThHTMLAttributes, useRef } from "react";
import { t } from "../i18n";

type Props = ThHTMLAttributes<HTMLTableCellElement> & {
  width?: number;
  onResizeWidth?: (width: number, done: boolean) => void;
  resizeLabel?: string;
};

/**
 * A table header cell whose right edge drags to a new width (mouse or touch); the arrow keys on the focused edge
 * do the same 16 px at a time, so the keyboard can change widths too.
 */
export function ResizableTitle({ width, onResizeWidth, resizeLabel, children, style, ...rest }: Props) {
  const start = useRef<{ x: number; w: number } | null>(null);
  const thRef = useRef<HTMLTableCellElement>(null);
  if (!onResizeWidth)
    return (
      <th {...rest} style={style}>
        {children}
      </th>
    );
  const clamp = (w: number) => Math.max(60, Math.min(1200, Math.round(w)));
  const begin = (x: number) => {
    start.current = { x, w: width ?? thRef.current?.offsetWidth ?? 120 };
  };
  const onPointerDown = (e: React.PointerEvent<HTMLSpanElement>) => {
    e.preventDefault();
    e.stopPropagation();
    begin(e.clientX);
    const move = (ev: PointerEvent) => {
      if (start.current) onResizeWidth(clamp(start.current.w + ev.clientX - start.current.x), false);
    };
    const up = (ev: PointerEvent) => {
      if (start.current) onResizeWidth(clamp(start.current.w + ev.clientX - start.current.x), true);
      start.current = null;
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
  };
  return (
    <th {...rest} ref={thRef} style={{ ...style, position: "relative" }}>
      {children}
      {/* biome-ignore lint/a11y/useSemanticElements: a column edge, not a page separator */}
      <span
        role="separator"
        aria-orientation="vertical"
        // One short name for every edge, so it never reads as (or is found as) the column's own label; which
        // column it resizes is in its description.
        aria-label={t("list.resizeEdge")}
        title={resizeLabel}
        aria-valuenow={width}
        tabIndex={0}
        className="shiliu-col-resize"
        onPointerDown={onPointerDown}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
          e.preventDefault();
          const w = width ?? thRef.current?.offsetWidth ?? 120;
          onResizeWidth(clamp(w + (e.key === "ArrowRight" ? 16 : -16)), true);
        }}
      />
    </th>
  );
}
