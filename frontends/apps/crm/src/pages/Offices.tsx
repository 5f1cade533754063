import { appOrigin, useAuth } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { Card, EmptyState, linkClass, Page, QueryState } from "@alif/ui";
import { useQuery } from "@tanstack/react-query";
import { Link, Navigate } from "react-router";
import { officesQuery } from "../lib/queries.ts";

/** Where I work: straight into the office when there is one, a choice when there are several. */
export default function Offices() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const offices = useQuery(officesQuery(api));
  return (
    <QueryState query={offices}>
      {(list) => {
        const only = list.length === 1 ? list[0] : undefined;
        if (only) return <Navigate to={`/o/${only.organization_id}`} replace />;
        return (
          <Page title={t("offices.heading")}>
            {list.length === 0 ? (
              <EmptyState icon="🏫" title={t("offices.none")}>
                <a href={`${appOrigin("main")}/home`} className={linkClass()}>
                  {t("offices.toMain")}
                </a>
              </EmptyState>
            ) : (
              <ul className="grid gap-3 sm:grid-cols-2">
                {list.map((office) => (
                  <li key={office.organization_id}>
                    <Card>
                      <Link
                        to={`/o/${office.organization_id}`}
                        className="flex min-h-12 flex-col font-bold text-brand-800 text-xl"
                      >
                        {office.organization_name}
                        <span className="font-normal text-base text-muted">
                          {t(`roles.${office.role}`)}
                        </span>
                      </Link>
                    </Card>
                  </li>
                ))}
              </ul>
            )}
          </Page>
        );
      }}
    </QueryState>
  );
}
