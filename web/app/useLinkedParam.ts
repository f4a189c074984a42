import { useCallback } from "react";
import { useSearchParams } from "react-router";

/** A record opened by a link (?id=…, from the to-do list or another page); cleared when its drawer closes. */
export function useLinkedParam(name = "id"): [string | null, (v: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(name);
  const set = useCallback(
    (v: string | null) =>
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          if (v) next.set(name, v);
          else next.delete(name);
          return next;
        },
        { replace: true },
      ),
    [name, setParams],
  );
  return [value, set];
}
