import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { readTableState, type TableSpec, type TableState, writeTableState } from "./tableState.ts";

/** A table's state read from and written to the address (a new history entry per change). */
export function useTableState(spec: TableSpec) {
  const [params, setParams] = useSearchParams();
  const state: TableState = useMemo(() => readTableState(params, spec), [params, spec]);
  const change = useCallback(
    (patch: Parameters<typeof writeTableState>[2]) =>
      setParams((current) => writeTableState(current, spec, patch)),
    [setParams, spec],
  );
  return [state, change] as const;
}
