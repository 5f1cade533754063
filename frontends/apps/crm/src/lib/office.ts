import { createContext, useContext } from "react";
import type { Office, Permission } from "./queries.ts";

export interface OfficeContextValue {
  id: string;
  office: Office;
  can(permission: Permission): boolean;
  /** A path inside this office: `to("leads")` → `/o/<id>/leads`. */
  to(path?: string): string;
}

export const OfficeContext = createContext<OfficeContextValue | null>(null);

/** The office the page is in (the `/o/:orgId` part of the address, checked by the server). */
export function useOffice(): OfficeContextValue {
  const value = useContext(OfficeContext);
  if (!value) throw new Error("useOffice outside an office page");
  return value;
}

export function officeValue(office: Office): OfficeContextValue {
  const base = `/o/${office.organization_id}`;
  return {
    id: office.organization_id,
    office,
    can: (permission) => office.permissions.includes(permission),
    to: (path) => (path ? `${base}/${path}` : base),
  };
}
