import { App } from "antd";
import { type RefObject, useCallback, useEffect, useRef } from "react";
import { useBeforeUnload, useBlocker } from "react-router";

export type LeaveTexts = { title: string; content: string; okText: string; cancelText: string };

/**
 * Unsaved work asks before it is left: another page of the console (a confirm dialog in the page's words) and
 * closing or reloading the tab (the browser's own question). Returns a ref to set when the page itself moves on
 * after saving, before the guard has seen the save. Used by the indicator-set editor and the score sheet.
 */
export function useLeaveGuard(active: boolean, texts: () => LeaveTexts): RefObject<boolean> {
  const { modal } = App.useApp();
  const leaving = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      !leaving.current && active && currentLocation.pathname !== nextLocation.pathname,
  );
  const blockerRef = useRef(blocker);
  blockerRef.current = blocker;
  const textsRef = useRef(texts);
  textsRef.current = texts;
  useBeforeUnload(
    useCallback(
      (e: BeforeUnloadEvent) => {
        if (active && !leaving.current) e.preventDefault();
      },
      [active],
    ),
  );
  // Once per blocked navigation (the blocker object itself is new on every render).
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    modal.confirm({
      ...textsRef.current(),
      okButtonProps: { danger: true },
      onOk: () => blockerRef.current.proceed?.(),
      onCancel: () => blockerRef.current.reset?.(),
    });
  }, [blocker.state, modal]);
  return leaving;
}
