import { useEffect, useState } from "react";
import { type PublicApiError, publicApi } from "./api";

export type Loaded<T> = { data?: T; error?: PublicApiError; loading: boolean };

/** GETs `path` (null = nothing yet) and re-fetches when it changes; a stale answer never overwrites a newer one. */
export function useFetch<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ loading: path !== null });
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setState((s) => ({ data: s.data, loading: true }));
    publicApi<T>(path).then(
      (data) => live && setState({ data, loading: false }),
      (error: PublicApiError) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [path]);
  return state;
}
