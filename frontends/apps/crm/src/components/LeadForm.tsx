import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { fieldError, formError } from "@alif/i18n/forms";
import { Alert, Button, Dialog, Field, Input, Select } from "@alif/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { useOffice } from "../lib/office.ts";
import { keys, type LeadSource, SOURCES, type Stage } from "../lib/queries.ts";

export interface LeadDraft {
  name: string;
  phone: string;
  source: LeadSource;
  stage_id: string;
  subject: string;
  level: string;
  preferred_times: string;
  next_step_on: string;
}

export const emptyLead = (stageId = ""): LeadDraft => ({
  name: "",
  phone: "",
  source: "instagram",
  stage_id: stageId,
  subject: "",
  level: "",
  preferred_times: "",
  next_step_on: "",
});

/** What the API takes: trimmed texts, no empty stage or date. */
export function leadBody(draft: LeadDraft, idempotencyKey: string) {
  return {
    name: draft.name.trim(),
    phone: draft.phone.trim(),
    source: draft.source,
    stage_id: draft.stage_id || null,
    subject: draft.subject.trim(),
    level: draft.level.trim(),
    preferred_times: draft.preferred_times.trim(),
    next_step_on: draft.next_step_on || null,
    idempotency_key: idempotencyKey,
  };
}

const FIELDS = ["name", "phone", "source", "stage_id", "subject", "level", "preferred_times"];

/** A new lead, from a call or a message; a retried send makes one lead (the idempotency key). */
export function NewLeadDialog(props: { open: boolean; onClose(): void; stages: Stage[] }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [draft, setDraft] = useState(() => emptyLead(props.stages[0]?.id));
  const [key] = useState(() => crypto.randomUUID());
  const set = (field: keyof LeadDraft) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [field]: e.target.value }));
  const add = useMutation({
    mutationFn: () =>
      call(
        api.crm.POST("/api/crm/organizations/{organization_id}/leads", {
          params: { path: { organization_id: office.id } },
          body: leadBody(draft, key),
        }),
      ),
    onSuccess: (lead) => {
      void client.invalidateQueries({ queryKey: keys.leads(office.id) });
      navigate(office.to(`leads/${lead.id}`));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  const banner = formError(add.error, t, FIELDS);
  return (
    <Dialog open={props.open} onClose={props.onClose} title={t("leads.new")}>
      <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
        <Field label={t("label.name")} error={fieldError(add.error, "name", t)}>
          <Input value={draft.name} onChange={set("name")} required maxLength={160} />
        </Field>
        <Field
          label={t("label.phone")}
          hint={t("label.phoneHint")}
          error={fieldError(add.error, "phone", t)}
        >
          <Input
            value={draft.phone}
            onChange={set("phone")}
            required
            type="tel"
            inputMode="tel"
            autoComplete="off"
          />
        </Field>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={t("label.source")}>
            <Select value={draft.source} onChange={set("source")}>
              {SOURCES.map((s) => (
                <option key={s} value={s}>
                  {t(`sources.${s}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("label.stage")}>
            <Select value={draft.stage_id} onChange={set("stage_id")}>
              {props.stages.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("label.subject")}>
            <Input value={draft.subject} onChange={set("subject")} maxLength={80} />
          </Field>
          <Field label={t("label.level")}>
            <Input value={draft.level} onChange={set("level")} maxLength={60} />
          </Field>
        </div>
        <Field label={t("label.preferredTimes")}>
          <Input value={draft.preferred_times} onChange={set("preferred_times")} maxLength={200} />
        </Field>
        <Field label={t("label.nextStepOn")}>
          <Input type="date" value={draft.next_step_on} onChange={set("next_step_on")} />
        </Field>
        {banner ? <Alert tone="error">{banner}</Alert> : null}
        <div className="flex justify-end gap-3">
          <Button variant="secondary" onClick={props.onClose}>
            {t("actions.cancel")}
          </Button>
          <Button
            type="submit"
            loading={add.isPending}
            disabled={!draft.name.trim() || !draft.phone.trim()}
          >
            {t("actions.add")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
