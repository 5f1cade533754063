import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, formatDate, useTranslation } from "@alif/i18n";
import { fieldError, formError } from "@alif/i18n/forms";
import {
  Alert,
  Button,
  Card,
  CardTitle,
  Dialog,
  Field,
  Input,
  linkClass,
  Page,
  QueryState,
  Select,
  Textarea,
} from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useOffice } from "../lib/office.ts";
import {
  activitiesQuery,
  type Group,
  groupsQuery,
  keys,
  type LeadDetail,
  LOST_REASONS,
  type LostReason,
  leadQuery,
  type Stage,
  stagesQuery,
  studentName,
  today,
} from "../lib/queries.ts";

function useInvalidateLead(leadId: string) {
  const office = useOffice();
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: keys.leads(office.id) });
    void client.invalidateQueries({ queryKey: keys.lead(office.id, leadId) });
  };
}

function Activities(props: { lead: LeadDetail }) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const invalidate = useInvalidateLead(props.lead.id);
  const activities = useQuery(activitiesQuery(api, office.id, props.lead.id));
  const [kind, setKind] = useState<"call" | "note" | "trial_booked">("call");
  const [text, setText] = useState("");
  const [next, setNext] = useState("");
  const add = useMutation({
    mutationFn: () =>
      call(
        api.crm.POST("/api/crm/organizations/{organization_id}/leads/{lead_id}/activities", {
          params: { path: { organization_id: office.id, lead_id: props.lead.id } },
          body: { kind, text: text.trim(), next_step_on: next || null },
        }),
      ),
    onSuccess: () => {
      setText("");
      setNext("");
      invalidate();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  const open = props.lead.status === "open";
  return (
    <Card>
      <CardTitle>{t("lead.activities")}</CardTitle>
      {open ? (
        <form onSubmit={submit} className="mb-4 grid gap-3 sm:grid-cols-3" noValidate>
          <Field label={t("lead.kind")}>
            <Select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
              {(["call", "note", "trial_booked"] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`activity.${k}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("label.nextStepOn")}>
            <Input type="date" value={next} onChange={(e) => setNext(e.target.value)} />
          </Field>
          <Field label={t("lead.text")} className="sm:col-span-3">
            <Textarea value={text} onChange={(e) => setText(e.target.value)} rows={2} />
          </Field>
          {add.error ? (
            <Alert tone="error" className="sm:col-span-3">
              {errorMessage(t, add.error)}
            </Alert>
          ) : null}
          <div className="sm:col-span-3">
            <Button type="submit" loading={add.isPending}>
              {t("lead.addActivity")}
            </Button>
          </div>
        </form>
      ) : null}
      <QueryState query={activities}>
        {(list) =>
          list.length === 0 ? (
            <p className="text-muted">{t("lead.noActivities")}</p>
          ) : (
            <ol className="flex flex-col divide-y divide-slate-100">
              {list.map((a) => (
                <li key={a.id} className="flex flex-col gap-0.5 py-2">
                  <span className="font-bold">
                    {t(`activity.${a.kind}`)}{" "}
                    <span className="font-normal text-muted text-sm">
                      {formatDate(a.created_at, i18n.language, true)}
                    </span>
                  </span>
                  {a.text ? <span>{a.text}</span> : null}
                  {a.next_step_on ? (
                    <span className="text-sm">
                      {t("leads.nextStep")}: {formatDate(a.next_step_on, i18n.language)}
                    </span>
                  ) : null}
                </li>
              ))}
            </ol>
          )
        }
      </QueryState>
    </Card>
  );
}

function LoseDialog(props: { lead: LeadDetail; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const invalidate = useInvalidateLead(props.lead.id);
  const [reason, setReason] = useState<LostReason>("too_expensive");
  const [note, setNote] = useState("");
  const lose = useMutation({
    mutationFn: () =>
      call(
        api.crm.POST("/api/crm/organizations/{organization_id}/leads/{lead_id}/lose", {
          params: { path: { organization_id: office.id, lead_id: props.lead.id } },
          body: { reason, note: note.trim() },
        }),
      ),
    onSuccess: () => {
      invalidate();
      props.onClose();
    },
  });
  return (
    <Dialog
      open
      onClose={props.onClose}
      title={t("lead.loseTitle", { name: props.lead.name })}
      actions={
        <>
          <Button variant="secondary" onClick={props.onClose}>
            {t("actions.cancel")}
          </Button>
          <Button variant="danger" loading={lose.isPending} onClick={() => lose.mutate()}>
            {t("lead.lose")}
          </Button>
        </>
      }
    >
      <Field label={t("lead.lostReason")}>
        <Select value={reason} onChange={(e) => setReason(e.target.value as LostReason)}>
          {LOST_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`lostReasons.${r}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("lead.note")}>
        <Textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
      </Field>
      {lose.error ? <Alert tone="error">{errorMessage(t, lose.error)}</Alert> : null}
    </Dialog>
  );
}

/** A lead's name split for the student card: the first word is the first name. */
export function splitName(name: string): { first: string; last: string } {
  const [first = "", ...rest] = name.trim().split(/\s+/);
  return { first, last: rest.join(" ") };
}

const CONVERT_FIELDS = ["first_name", "last_name", "birth_date", "parent_name", "parent_phone"];

/**
 * Turning a lead into a student: the card (with the parent's phone), and, when a group is
 * chosen, the enrolment from a date. The conversion answers the same card when repeated, so a
 * retry after a failed enrolment does not make a second student.
 */
function ConvertDialog(props: { lead: LeadDetail; groups: Group[]; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const navigate = useNavigate();
  const client = useQueryClient();
  const invalidate = useInvalidateLead(props.lead.id);
  const name = splitName(props.lead.name);
  const [form, setForm] = useState({
    first_name: name.first,
    last_name: name.last,
    birth_date: "",
    parent_name: "",
    parent_phone: props.lead.phone,
    group_id: "",
    starts_on: today(),
  });
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [field]: e.target.value }));
  const convert = useMutation({
    mutationFn: async () => {
      const student = await call(
        api.crm.POST("/api/crm/organizations/{organization_id}/leads/{lead_id}/convert", {
          params: { path: { organization_id: office.id, lead_id: props.lead.id } },
          body: {
            first_name: form.first_name.trim(),
            last_name: form.last_name.trim(),
            birth_date: form.birth_date || null,
            parent_name: form.parent_name.trim(),
            parent_phone: form.parent_phone.trim(),
          },
        }),
      );
      if (form.group_id) {
        await call(
          api.crm.POST("/api/crm/organizations/{organization_id}/groups/{group_id}/enrolments", {
            params: { path: { organization_id: office.id, group_id: form.group_id } },
            body: { student_id: student.id, starts_on: form.starts_on },
          }),
        );
        void client.invalidateQueries({ queryKey: keys.enrolments(office.id, form.group_id) });
      }
      return student;
    },
    onSuccess: (student) => {
      invalidate();
      void client.invalidateQueries({ queryKey: keys.students(office.id) });
      navigate(office.to(`students/${student.id}`));
    },
    // A refused enrolment leaves the card made: the lead page shows it and the error.
    onError: invalidate,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    convert.mutate();
  };
  const banner = formError(convert.error, t, CONVERT_FIELDS);
  return (
    <Dialog open onClose={props.onClose} title={t("lead.convertTitle", { name: props.lead.name })}>
      <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={t("label.firstName")} error={fieldError(convert.error, "first_name", t)}>
            <Input value={form.first_name} onChange={set("first_name")} required />
          </Field>
          <Field label={t("label.lastName")} error={fieldError(convert.error, "last_name", t)}>
            <Input value={form.last_name} onChange={set("last_name")} />
          </Field>
          <Field label={t("label.birthDate")} error={fieldError(convert.error, "birth_date", t)}>
            <Input type="date" value={form.birth_date} onChange={set("birth_date")} />
          </Field>
          <Field label={t("label.parentName")} error={fieldError(convert.error, "parent_name", t)}>
            <Input value={form.parent_name} onChange={set("parent_name")} />
          </Field>
        </div>
        <Field
          label={t("label.parentPhone")}
          hint={t("label.phoneHint")}
          error={fieldError(convert.error, "parent_phone", t)}
        >
          <Input
            type="tel"
            inputMode="tel"
            value={form.parent_phone}
            onChange={set("parent_phone")}
            required
          />
        </Field>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={t("lead.enrolIn")}>
            <Select value={form.group_id} onChange={set("group_id")}>
              <option value="">{t("lead.noGroup")}</option>
              {props.groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </Select>
          </Field>
          {form.group_id ? (
            <Field label={t("label.startsOn")}>
              <Input type="date" value={form.starts_on} onChange={set("starts_on")} required />
            </Field>
          ) : null}
        </div>
        {banner ? <Alert tone="error">{banner}</Alert> : null}
        <div className="flex justify-end gap-3">
          <Button variant="secondary" onClick={props.onClose}>
            {t("actions.cancel")}
          </Button>
          <Button
            type="submit"
            loading={convert.isPending}
            disabled={!form.first_name.trim() || !form.parent_phone.trim()}
          >
            {t("lead.convert")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function StageSelect(props: { lead: LeadDetail; stages: Stage[] }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const invalidate = useInvalidateLead(props.lead.id);
  const change = useMutation({
    mutationFn: (stageId: string) =>
      call(
        api.crm.PATCH("/api/crm/organizations/{organization_id}/leads/{lead_id}", {
          params: { path: { organization_id: office.id, lead_id: props.lead.id } },
          body: { stage_id: stageId },
        }),
      ),
    onSettled: invalidate,
  });
  return (
    <Field
      label={t("label.stage")}
      error={change.error ? errorMessage(t, change.error) : undefined}
    >
      <Select
        value={props.lead.stage_id}
        onChange={(e) => change.mutate(e.target.value)}
        disabled={props.lead.status !== "open" || change.isPending}
      >
        {props.stages.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </Select>
    </Field>
  );
}

export default function LeadPage() {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const { leadId = "" } = useParams();
  const lead = useQuery(leadQuery(api, office.id, leadId));
  const stages = useQuery(stagesQuery(api, office.id));
  const groups = useQuery({ ...groupsQuery(api, office.id), enabled: office.can("view_groups") });
  const [dialog, setDialog] = useState<"lose" | "convert" | null>(null);
  return (
    <QueryState query={lead}>
      {(data) => (
        <Page
          title={data.name}
          subtitle={`${data.phone} · ${t(`sources.${data.source}`)}`}
          back={
            <Link to={office.to("leads")} className={linkClass()}>
              ← {t("leads.heading")}
            </Link>
          }
          actions={
            data.status === "open" ? (
              <div className="flex flex-wrap gap-2">
                <Button variant="secondary" onClick={() => setDialog("lose")}>
                  {t("lead.lose")}
                </Button>
                <Button onClick={() => setDialog("convert")}>{t("lead.convert")}</Button>
              </div>
            ) : null
          }
        >
          {data.status === "won" && data.student_id ? (
            <Alert tone="success">
              {t("lead.won")}{" "}
              <Link to={office.to(`students/${data.student_id}`)} className={linkClass()}>
                {t("lead.openStudent")}
              </Link>
            </Alert>
          ) : null}
          {data.status === "lost" ? (
            <Alert tone="warning">
              {t("lead.wasLost", {
                reason: data.lost_reason ? t(`lostReasons.${data.lost_reason}`) : "",
              })}
            </Alert>
          ) : null}
          {data.duplicates.length > 0 || data.students_with_phone.length > 0 ? (
            <Alert tone="warning">
              <p className="font-bold">{t("lead.duplicates")}</p>
              <ul className="flex flex-wrap gap-x-4">
                {data.duplicates.map((d) => (
                  <li key={d.id}>
                    <Link to={office.to(`leads/${d.id}`)} className={linkClass()}>
                      {d.name}
                    </Link>
                  </li>
                ))}
                {data.students_with_phone.map((s) => (
                  <li key={s.id}>
                    <Link to={office.to(`students/${s.id}`)} className={linkClass()}>
                      🎒 {studentName(s)}
                    </Link>
                  </li>
                ))}
              </ul>
            </Alert>
          ) : null}
          <div className="grid gap-4 lg:grid-cols-3">
            <Card className="flex flex-col gap-3">
              <CardTitle>{t("lead.about")}</CardTitle>
              {stages.data ? <StageSelect lead={data} stages={stages.data} /> : null}
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
                <dt className="text-muted">{t("label.status")}</dt>
                <dd>{t(`status.${data.status}`)}</dd>
                <dt className="text-muted">{t("label.subject")}</dt>
                <dd>{data.subject || "—"}</dd>
                <dt className="text-muted">{t("label.level")}</dt>
                <dd>{data.level || "—"}</dd>
                <dt className="text-muted">{t("label.preferredTimes")}</dt>
                <dd>{data.preferred_times || "—"}</dd>
                <dt className="text-muted">{t("leads.nextStep")}</dt>
                <dd>{formatDate(data.next_step_on, i18n.language) || "—"}</dd>
                <dt className="text-muted">{t("label.createdAt")}</dt>
                <dd>{formatDate(data.created_at, i18n.language)}</dd>
              </dl>
            </Card>
            <div className="lg:col-span-2">
              <Activities lead={data} />
            </div>
          </div>
          {dialog === "lose" ? <LoseDialog lead={data} onClose={() => setDialog(null)} /> : null}
          {dialog === "convert" ? (
            <ConvertDialog lead={data} groups={groups.data ?? []} onClose={() => setDialog(null)} />
          ) : null}
        </Page>
      )}
    </QueryState>
  );
}
