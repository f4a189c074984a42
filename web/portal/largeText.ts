import { useEffect, useState } from "react";

/** 大字模式 (适老化): a class on <html> that scales the root font size; remembered on this device. */
const KEY = "shiliu.portal.largeText";

function stored(): boolean {
  try {
    return localStorage.getItem(KEY) === "1";
  } catch {
    return false;
  }
}

export function applyStoredLargeText() {
  document.documentElement.classList.toggle("large-text", stored());
}

export function useLargeText(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(stored);
  useEffect(() => {
    document.documentElement.classList.toggle("large-text", on);
    try {
      if (on) localStorage.setItem(KEY, "1");
      else localStorage.removeItem(KEY);
    } catch {}
  }, [on]);
  return [on, setOn];
}
