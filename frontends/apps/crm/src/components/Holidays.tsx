import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, formatDate, useTranslation } from "@alif/i18n";
import { Alert, Button, Card, CardTitle, Field, Input, QueryState } from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useOffice } from "../lib/office.ts";
import { moneyKeys } from "../lib/queries.ts";

/** The centre's days off: no lessons are made for them, and those already made are cancelled. */
export function Holidays() {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const client = useQueryClient();
  const [on, setOn] = useState("");
  const [name, setName] = useState("");
  const queryKey = ["crm", office.id, "holidays"];
  const holidays = useQuery({
    queryKey,
    queryFn: () =>
      call(
        api.crm.GET("/api/crm/organizations/{organization_id}/holidays", {
          params: { path: { organization_id: office.id } },
        }),
      ),
  });
  const add = useMutation({
    mutationFn: () =>
      call(
        api.crm.POST("/api/crm/organizations/{organization_id}/holidays", {
          params: { path: { organization_id: office.id } },
          body: { on, name: name.trim() },
        }),
      ),
    onSuccess: () => {
      setOn("");
      setName("");
      void client.invalidateQueries({ queryKey });
      void client.invalidateQueries({ queryKey: moneyKeys.lessons(office.id) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  return (
    <Card className="flex flex-col gap-3">
      <CardTitle>{t("holidays.heading")}</CardTitle>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3" noValidate>
        <Field label={t("holidays.day")}>
          <Input type="date" value={on} onChange={(e) => setOn(e.target.value)} required />
        </Field>
        <Field label={t("holidays.name")} className="flex-1">
          <Input value={name} onChange={(e) => setName(e.target.value)} required />
        </Field>
        <Button type="submit" loading={add.isPending} disabled={!on || !name.trim()}>
          {t("holidays.add")}
        </Button>
      </form>
      {add.error ? <Alert tone="error">{errorMessage(t, add.error)}</Alert> : null}
      <QueryState query={holidays}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="text-muted">{t("holidays.none")}</p>
          ) : (
            <ul className="flex flex-col divide-y divide-slate-100">
              {rows.map((h) => (
                <li key={h.id} className="flex justify-between gap-3 py-1">
                  <span>{h.name}</span>
                  <span className="text-muted">{formatDate(h.on, i18n.language)}</span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Card>
  );
}
