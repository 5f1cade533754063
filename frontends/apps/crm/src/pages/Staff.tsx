import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import { fieldError } from "@alif/i18n/forms";
import { Alert, Button, Card, Field, Input, Page, QueryState, Select } from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useOffice } from "../lib/office.ts";
import { keys, ROLES, type Staff, type StaffRole, staffQuery } from "../lib/queries.ts";

function StaffRow(props: { member: Staff }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const client = useQueryClient();
  const id = useId();
  const path = { organization_id: office.id, staff_id: props.member.id };
  const invalidate = () => client.invalidateQueries({ queryKey: keys.staff(office.id) });
  const change = useMutation({
    mutationFn: (role: StaffRole) =>
      call(
        api.crm.PATCH("/api/crm/organizations/{organization_id}/staff/{staff_id}", {
          params: { path },
          body: { role },
        }),
      ),
    onSettled: invalidate,
  });
  const remove = useMutation({
    mutationFn: () =>
      call(
        api.crm.DELETE("/api/crm/organizations/{organization_id}/staff/{staff_id}", {
          params: { path },
        }),
      ),
    onSettled: invalidate,
  });
  const name = `${props.member.first_name} ${props.member.last_name}`.trim();
  const manage = office.can("manage_staff");
  return (
    <li className="flex min-h-14 flex-wrap items-center gap-3 py-2">
      <span className="flex-1 font-bold">{name}</span>
      {manage ? (
        <>
          <label htmlFor={id} className="sr-only">
            {t("staff.roleOf", { name })}
          </label>
          <div className="w-52">
            <Select
              id={id}
              value={props.member.role}
              onChange={(e) => change.mutate(e.target.value as StaffRole)}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </Select>
          </div>
          <Button
            variant="ghost"
            loading={remove.isPending}
            onClick={() => remove.mutate()}
            aria-label={t("staff.remove", { name })}
          >
            ✕
          </Button>
        </>
      ) : (
        <span className="text-muted">{t(`roles.${props.member.role}`)}</span>
      )}
      {change.error || remove.error ? (
        <Alert tone="error" className="w-full">
          {errorMessage(t, change.error ?? remove.error)}
        </Alert>
      ) : null}
    </li>
  );
}

/** The office's people: the director takes accounts on by phone with a role. */
export default function StaffPage() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const client = useQueryClient();
  const staff = useQuery(staffQuery(api, office.id));
  const [phone, setPhone] = useState("");
  const [role, setRole] = useState<StaffRole>("teacher");
  const add = useMutation({
    mutationFn: () =>
      call(
        api.crm.POST("/api/crm/organizations/{organization_id}/staff", {
          params: { path: { organization_id: office.id } },
          body: { phone: phone.trim(), role },
        }),
      ),
    onSuccess: () => {
      setPhone("");
      void client.invalidateQueries({ queryKey: keys.staff(office.id) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  return (
    <Page title={t("staff.heading")}>
      {office.can("manage_staff") ? (
        <Card>
          <form
            onSubmit={submit}
            className="grid gap-3 sm:grid-cols-[2fr_1fr_auto] sm:items-end"
            noValidate
          >
            <Field
              label={t("label.phone")}
              hint={t("staff.phoneHint")}
              error={fieldError(add.error, "phone", t)}
            >
              <Input
                type="tel"
                inputMode="tel"
                value={phone}
                onChange={(e) => setPhone(e.target.value)}
                required
              />
            </Field>
            <Field label={t("label.role")}>
              <Select value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`roles.${r}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <Button type="submit" loading={add.isPending} disabled={!phone.trim()}>
              {t("staff.add")}
            </Button>
          </form>
          {add.error && !fieldError(add.error, "phone", t) ? (
            <Alert tone="error" className="mt-3">
              {errorMessage(t, add.error)}
            </Alert>
          ) : null}
        </Card>
      ) : null}
      <QueryState query={staff}>
        {(list) => (
          <Card>
            {list.length === 0 ? (
              <p className="text-muted">{t("staff.empty")}</p>
            ) : (
              <ul className="flex flex-col divide-y divide-slate-100">
                {list.map((m) => (
                  <StaffRow key={m.id} member={m} />
                ))}
              </ul>
            )}
          </Card>
        )}
      </QueryState>
    </Page>
  );
}
