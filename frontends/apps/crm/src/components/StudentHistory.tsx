import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { formatDate, useTranslation } from "@alif/i18n";
import { Card, CardTitle, QueryState } from "@alif/ui";
import { useQuery } from "@tanstack/react-query";
import { useOffice } from "../lib/office.ts";
import { keys } from "../lib/queries.ts";

type Change = { from: unknown; to: unknown };

function shown(value: unknown): string {
  return value === null || value === undefined || value === "" ? "—" : String(value);
}

/** The card's history: field changes with who made them, groups joined and left, freezes. */
export function StudentHistory(props: { studentId: string }) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const events = useQuery({
    queryKey: [...keys.student(office.id, props.studentId), "history"],
    queryFn: () =>
      call(
        api.crm.GET("/api/crm/organizations/{organization_id}/students/{student_id}/history", {
          params: { path: { organization_id: office.id, student_id: props.studentId } },
        }),
      ),
  });
  return (
    <Card className="flex flex-col gap-3">
      <CardTitle>{t("history.heading")}</CardTitle>
      <QueryState query={events}>
        {(rows) => (
          <ol className="flex flex-col divide-y divide-slate-100">
            {rows.map((e) => {
              const d = e.details as Record<string, unknown>;
              const fields = (d.fields ?? {}) as Record<string, Change>;
              return (
                <li key={`${e.kind}-${e.at}`} className="flex flex-col gap-1 py-2">
                  <p className="text-muted text-sm">
                    {formatDate(e.at, i18n.language, e.kind !== "left")}
                    {e.by ? ` · ${e.by}` : ""}
                  </p>
                  <p className="font-bold">
                    {t(`history.kind.${e.kind}`, {
                      group: shown(d.group),
                      on: formatDate(String(d.on ?? d.starts_on ?? ""), i18n.language),
                      until: formatDate(String(d.ends_on ?? ""), i18n.language),
                    })}
                  </p>
                  {e.kind === "frozen" && d.reason ? <p>{String(d.reason)}</p> : null}
                  {e.kind === "changed" ? (
                    <ul className="text-sm">
                      {Object.entries(fields).map(([name, change]) => (
                        <li key={name}>
                          {t(`history.field.${name}`)}: {shown(change.from)} → {shown(change.to)}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              );
            })}
          </ol>
        )}
      </QueryState>
    </Card>
  );
}
