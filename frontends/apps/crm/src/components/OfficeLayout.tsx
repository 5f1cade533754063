import { useAuth } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { cx, Loading, QueryState } from "@alif/ui";
import { useQuery } from "@tanstack/react-query";
import { Suspense } from "react";
import { Navigate, NavLink, Outlet, useLocation, useParams } from "react-router";
import { OfficeContext, type OfficeContextValue, officeValue } from "../lib/office.ts";
import { officeQuery, type Permission } from "../lib/queries.ts";

/** The office's sections, each shown to the roles whose permission it needs. */
const SECTIONS: { path: string; permission: Permission; icon: string }[] = [
  { path: "leads", permission: "manage_leads", icon: "🎯" },
  { path: "students", permission: "view_students", icon: "🎒" },
  { path: "groups", permission: "view_groups", icon: "👥" },
  { path: "lessons", permission: "view_groups", icon: "🗓️" },
  { path: "debtors", permission: "view_money", icon: "💰" },
  { path: "dashboard", permission: "money_reports", icon: "📊" },
  { path: "money", permission: "money_reports", icon: "📒" },
  { path: "rooms", permission: "manage_groups", icon: "🚪" },
  { path: "files", permission: "view_students", icon: "📄" },
  { path: "staff", permission: "view_staff", icon: "🧑‍💼" },
];

function Nav(props: { value: OfficeContextValue }) {
  const { t } = useTranslation();
  const sections = SECTIONS.filter((s) => props.value.can(s.permission));
  return (
    <nav aria-label={t("nav.label")} className="-mx-4 overflow-x-auto px-4">
      <ul className="flex gap-2">
        {sections.map((section) => (
          <li key={section.path}>
            <NavLink
              to={props.value.to(section.path)}
              className={({ isActive }) =>
                cx(
                  "inline-flex min-h-12 items-center gap-2 whitespace-nowrap rounded-2xl px-4 font-bold",
                  isActive
                    ? "bg-brand-700 text-white"
                    : "bg-white text-brand-800 ring-1 ring-slate-200 hover:bg-brand-50",
                )
              }
            >
              <span aria-hidden="true">{section.icon}</span>
              {t(`nav.${section.path}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The first section this role may open: an administrator's leads, a teacher's groups. */
export function firstSection(value: OfficeContextValue): string {
  return SECTIONS.find((s) => value.can(s.permission))?.path ?? "groups";
}

export default function OfficeLayout() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const { orgId = "" } = useParams();
  const { pathname } = useLocation();
  const office = useQuery(officeQuery(api, orgId));
  return (
    <QueryState query={office}>
      {(data) => {
        const value = officeValue(data);
        if (pathname.replace(/\/$/, "") === value.to()) {
          return <Navigate to={value.to(firstSection(value))} replace />;
        }
        return (
          <OfficeContext.Provider value={value}>
            <div className="flex flex-col gap-6">
              <div className="flex flex-col gap-3">
                <p className="font-bold text-muted">
                  {data.organization_name} · {t(`roles.${data.role}`)}
                </p>
                <Nav value={value} />
              </div>
              {/* A block box: the pages' centred column takes the full width, not its content's. */}
              <div>
                <Suspense fallback={<Loading />}>
                  <Outlet />
                </Suspense>
              </div>
            </div>
          </OfficeContext.Provider>
        );
      }}
    </QueryState>
  );
}
