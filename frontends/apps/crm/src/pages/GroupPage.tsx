import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, formatDate, formatSoum, useTranslation } from "@alif/i18n";
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
} from "@alif/ui";
import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import { Collisions } from "../components/Collisions.tsx";
import { type GroupDraft, GroupFields, groupBody } from "../components/GroupForm.tsx";
import { useOffice } from "../lib/office.ts";
import {
  type Enrolment,
  enrolmentsQuery,
  type Group,
  groupQuery,
  groupsQuery,
  hhmm,
  keys,
  type Room,
  roomsQuery,
  studentName,
  studentPageQuery,
  studentQuery,
  today,
} from "../lib/queries.ts";
import { slotsFrom, tiyinToSoum } from "../lib/schedule.ts";
import { useTeacherNames } from "./Groups.tsx";

function useInvalidateGroup() {
  const office = useOffice();
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: keys.groups(office.id) });
  };
}

function SettingsDialog(props: { group: Group; rooms: Room[]; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const invalidate = useInvalidateGroup();
  const [draft, setDraft] = useState<GroupDraft>({
    room_id: props.group.room_id ?? "",
    starts_on: props.group.starts_on,
    ends_on: props.group.ends_on ?? "",
    price: tiyinToSoum(props.group.monthly_price),
    capacity: String(props.group.capacity),
    schedule: slotsFrom(props.group.schedule),
  });
  const save = useMutation({
    mutationFn: () => {
      const body = groupBody(draft);
      if (!body) throw new Error(t("group.badNumbers"));
      return call(
        api.crm.PUT("/api/crm/organizations/{organization_id}/groups/{group_id}", {
          params: { path: { organization_id: office.id, group_id: props.group.id } },
          body,
        }),
      );
    },
    onSuccess: () => {
      invalidate();
      props.onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Dialog open onClose={props.onClose} title={t("group.settings")}>
      <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
        <GroupFields draft={draft} onChange={setDraft} rooms={props.rooms} error={save.error} />
        {save.error ? (
          <Alert tone="error">
            <p>{errorMessage(t, save.error)}</p>
            <Collisions error={save.error} />
          </Alert>
        ) : null}
        <div className="flex justify-end gap-3">
          <Button variant="secondary" onClick={props.onClose}>
            {t("actions.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t("actions.save")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** Enrol a student card: find it by name or phone, choose the date and any discount. */
function EnrolDialog(props: { group: Group; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const client = useQueryClient();
  const [q, setQ] = useState("");
  const [search, setSearch] = useState("");
  const [studentId, setStudentId] = useState("");
  const [startsOn, setStartsOn] = useState(today());
  const [kind, setKind] = useState<"none" | "percent" | "amount">("none");
  const [discount, setDiscount] = useState("");
  const [reason, setReason] = useState("");
  const found = useQuery({
    ...studentPageQuery(api, office.id, {
      page: 1,
      size: 20,
      sort: "name",
      filters: search ? { q: search } : {},
    }),
    enabled: search.length > 0,
  });
  const enrol = useMutation({
    mutationFn: () => {
      const value = Number(discount);
      const body = {
        student_id: studentId,
        starts_on: startsOn,
        ...(kind === "percent" ? { discount_percent: value, discount_reason: reason.trim() } : {}),
        ...(kind === "amount"
          ? { discount_amount: Math.round(value * 100), discount_reason: reason.trim() }
          : {}),
      };
      return call(
        api.crm.POST("/api/crm/organizations/{organization_id}/groups/{group_id}/enrolments", {
          params: { path: { organization_id: office.id, group_id: props.group.id } },
          body,
        }),
      );
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.enrolments(office.id, props.group.id) });
      props.onClose();
    },
  });
  const find = (event: FormEvent) => {
    event.preventDefault();
    setSearch(q.trim());
    setStudentId("");
  };
  return (
    <Dialog open onClose={props.onClose} title={t("group.enrolTitle", { name: props.group.name })}>
      <form onSubmit={find} className="flex items-end gap-2">
        <Field label={t("group.findStudent")} className="flex-1">
          <Input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </Field>
        <Button type="submit" variant="secondary">
          {t("filters.search")}
        </Button>
      </form>
      {found.data ? (
        found.data.items.length === 0 ? (
          <p className="text-muted">{t("group.noStudentFound")}</p>
        ) : (
          <Field label={t("label.student")}>
            <Select value={studentId} onChange={(e) => setStudentId(e.target.value)}>
              <option value="">{t("group.chooseStudent")}</option>
              {found.data.items.map((s) => (
                <option key={s.id} value={s.id}>
                  {studentName(s)}
                  {s.parent_phone ? ` · ${s.parent_phone}` : ""}
                </option>
              ))}
            </Select>
          </Field>
        )
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("label.startsOn")}>
          <Input type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} />
        </Field>
        <Field label={t("group.discount")}>
          <Select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="none">{t("group.noDiscount")}</option>
            <option value="percent">{t("group.percent")}</option>
            <option value="amount">{t("group.amount")}</option>
          </Select>
        </Field>
        {kind === "none" ? null : (
          <>
            <Field label={kind === "percent" ? t("group.percentValue") : t("group.amountValue")}>
              <Input
                inputMode="decimal"
                value={discount}
                onChange={(e) => setDiscount(e.target.value)}
              />
            </Field>
            <Field label={t("group.discountReason")}>
              <Input value={reason} onChange={(e) => setReason(e.target.value)} />
            </Field>
          </>
        )}
      </div>
      {enrol.error ? <Alert tone="error">{errorMessage(t, enrol.error)}</Alert> : null}
      <div className="flex justify-end gap-3">
        <Button variant="secondary" onClick={props.onClose}>
          {t("actions.cancel")}
        </Button>
        <Button loading={enrol.isPending} disabled={!studentId} onClick={() => enrol.mutate()}>
          {t("group.enrol")}
        </Button>
      </div>
    </Dialog>
  );
}

/** Ending an enrolment: leave on a last day, or move to another group from a day. */
function EndDialog(props: { group: Group; enrolment: Enrolment; name: string; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const client = useQueryClient();
  const groups = useQuery(groupsQuery(api, office.id));
  const [to, setTo] = useState("");
  const [on, setOn] = useState(today());
  const path = {
    organization_id: office.id,
    group_id: props.group.id,
    enrolment_id: props.enrolment.id,
  };
  const end = useMutation({
    mutationFn: () =>
      to
        ? call(
            api.crm.POST(
              "/api/crm/organizations/{organization_id}/groups/{group_id}/enrolments/{enrolment_id}/transfer",
              { params: { path }, body: { to_group_id: to, on } },
            ),
          )
        : call(
            api.crm.POST(
              "/api/crm/organizations/{organization_id}/groups/{group_id}/enrolments/{enrolment_id}/leave",
              { params: { path }, body: { on } },
            ),
          ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.groups(office.id) });
      props.onClose();
    },
  });
  return (
    <Dialog
      open
      onClose={props.onClose}
      title={t("group.endTitle", { name: props.name })}
      actions={
        <>
          <Button variant="secondary" onClick={props.onClose}>
            {t("actions.cancel")}
          </Button>
          <Button loading={end.isPending} onClick={() => end.mutate()}>
            {to ? t("group.transfer") : t("group.leave")}
          </Button>
        </>
      }
    >
      <Field label={t("group.transferTo")}>
        <Select value={to} onChange={(e) => setTo(e.target.value)}>
          <option value="">{t("group.justLeave")}</option>
          {(groups.data ?? [])
            .filter((g) => g.id !== props.group.id)
            .map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
        </Select>
      </Field>
      <Field label={to ? t("group.transferOn") : t("group.lastDay")}>
        <Input type="date" value={on} onChange={(e) => setOn(e.target.value)} />
      </Field>
      {end.error ? <Alert tone="error">{errorMessage(t, end.error)}</Alert> : null}
    </Dialog>
  );
}

/** A freeze: the student keeps the place, is not on the lessons' lists, is not charged. */
function FreezeDialog(props: {
  group: Group;
  enrolment: Enrolment;
  name: string;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const client = useQueryClient();
  const [from, setFrom] = useState(today());
  const [until, setUntil] = useState(today());
  const [reason, setReason] = useState("");
  const freeze = useMutation({
    mutationFn: () =>
      call(
        api.crm.POST(
          "/api/crm/organizations/{organization_id}/groups/{group_id}/enrolments/{enrolment_id}/freezes",
          {
            params: {
              path: {
                organization_id: office.id,
                group_id: props.group.id,
                enrolment_id: props.enrolment.id,
              },
            },
            body: { starts_on: from, ends_on: until, reason: reason.trim() },
          },
        ),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.groups(office.id) });
      props.onClose();
    },
  });
  return (
    <Dialog
      open
      onClose={props.onClose}
      title={t("freeze.title", { name: props.name })}
      actions={
        <>
          <Button variant="secondary" onClick={props.onClose}>
            {t("actions.cancel")}
          </Button>
          <Button
            loading={freeze.isPending}
            disabled={!reason.trim()}
            onClick={() => freeze.mutate()}
          >
            {t("freeze.save")}
          </Button>
        </>
      }
    >
      <Field label={t("freeze.from")}>
        <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </Field>
      <Field label={t("freeze.until")}>
        <Input type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
      </Field>
      <Field label={t("freeze.reason")}>
        <Input value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      {freeze.error ? <Alert tone="error">{errorMessage(t, freeze.error)}</Alert> : null}
    </Dialog>
  );
}

function Unfreeze(props: { group: Group; enrolment: Enrolment; freezeId: string }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: () =>
      call(
        api.crm.DELETE(
          "/api/crm/organizations/{organization_id}/groups/{group_id}/enrolments/{enrolment_id}/freezes/{freeze_id}",
          {
            params: {
              path: {
                organization_id: office.id,
                group_id: props.group.id,
                enrolment_id: props.enrolment.id,
                freeze_id: props.freezeId,
              },
            },
          },
        ),
      ),
    onSettled: () => void client.invalidateQueries({ queryKey: keys.groups(office.id) }),
  });
  return (
    <Button variant="ghost" loading={remove.isPending} onClick={() => remove.mutate()}>
      {t("freeze.remove")}
    </Button>
  );
}

function Roster(props: { group: Group }) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const enrolments = useQuery(enrolmentsQuery(api, office.id, props.group.id));
  const list = enrolments.data ?? [];
  // A group holds tens of students: one small request per card, each cached for the next page.
  const students = useQueries({
    queries: office.can("view_students")
      ? list.map((e) => studentQuery(api, office.id, e.student_id))
      : [],
  });
  const nameOf = (id: string) => {
    const found = students.find((s) => s.data?.id === id)?.data;
    return found ? studentName(found) : t("group.student");
  };
  const [enrolling, setEnrolling] = useState(false);
  const [ending, setEnding] = useState<Enrolment | null>(null);
  const [freezing, setFreezing] = useState<Enrolment | null>(null);
  const active = list.filter((e) => !e.ends_on || e.ends_on >= today());
  const manage = office.can("manage_groups");
  return (
    <Card>
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <CardTitle className="mb-0 flex-1">
          {t("group.roster", { count: active.length, capacity: props.group.capacity })}
        </CardTitle>
        {manage ? <Button onClick={() => setEnrolling(true)}>{t("group.enrol")}</Button> : null}
      </div>
      <QueryState query={enrolments}>
        {() =>
          list.length === 0 ? (
            <p className="text-muted">{t("group.nobody")}</p>
          ) : (
            <ul className="flex flex-col divide-y divide-slate-100">
              {list.map((e) => (
                <li key={e.id} className="flex min-h-14 flex-wrap items-center gap-3 py-1">
                  <span className="flex-1">
                    {office.can("view_students") ? (
                      <Link
                        to={office.to(`students/${e.student_id}`)}
                        className="font-bold text-brand-800 hover:underline"
                      >
                        {nameOf(e.student_id)}
                      </Link>
                    ) : (
                      <span className="font-bold">{nameOf(e.student_id)}</span>
                    )}
                    <span className="block text-muted text-sm">
                      {t("group.since", { date: formatDate(e.starts_on, i18n.language) })}
                      {e.ends_on
                        ? ` · ${t("group.until", { date: formatDate(e.ends_on, i18n.language) })}`
                        : ""}
                      {e.discount_percent ? ` · −${e.discount_percent}%` : ""}
                      {e.discount_amount
                        ? ` · −${formatSoum(e.discount_amount, i18n.language)}`
                        : ""}
                    </span>
                    {(e.freezes ?? []).map((f) => (
                      <span key={f.id} className="flex flex-wrap items-center gap-2 text-sm">
                        ❄️{" "}
                        {t("freeze.period", {
                          from: formatDate(f.starts_on, i18n.language),
                          until: formatDate(f.ends_on, i18n.language),
                          reason: f.reason,
                        })}
                        {manage ? (
                          <Unfreeze group={props.group} enrolment={e} freezeId={f.id} />
                        ) : null}
                      </span>
                    ))}
                  </span>
                  {manage && !e.ends_on ? (
                    <span className="flex flex-wrap gap-2">
                      <Button variant="secondary" onClick={() => setFreezing(e)}>
                        {t("freeze.open")}
                      </Button>
                      <Button variant="secondary" onClick={() => setEnding(e)}>
                        {t("group.end")}
                      </Button>
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      {enrolling ? <EnrolDialog group={props.group} onClose={() => setEnrolling(false)} /> : null}
      {freezing ? (
        <FreezeDialog
          group={props.group}
          enrolment={freezing}
          name={nameOf(freezing.student_id)}
          onClose={() => setFreezing(null)}
        />
      ) : null}
      {ending ? (
        <EndDialog
          group={props.group}
          enrolment={ending}
          name={nameOf(ending.student_id)}
          onClose={() => setEnding(null)}
        />
      ) : null}
    </Card>
  );
}

export default function GroupPage() {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const { groupId = "" } = useParams();
  const group = useQuery(groupQuery(api, office.id, groupId));
  const rooms = useQuery({ ...roomsQuery(api, office.id), enabled: office.can("manage_groups") });
  const teachers = useTeacherNames();
  const [editing, setEditing] = useState(false);
  return (
    <QueryState query={group}>
      {(g) => (
        <Page
          title={g.name}
          subtitle={[g.subject, teachers.get(g.teacher_id)].filter(Boolean).join(" · ")}
          back={
            <Link to={office.to("groups")} className={linkClass()}>
              ← {t("groups.heading")}
            </Link>
          }
          actions={
            office.can("manage_groups") ? (
              <Button variant="secondary" onClick={() => setEditing(true)}>
                {t("group.settings")}
              </Button>
            ) : null
          }
        >
          <div className="grid gap-4 lg:grid-cols-3">
            <Card className="flex flex-col gap-2">
              <CardTitle>{t("group.schedule")}</CardTitle>
              {g.schedule.length === 0 ? (
                <p className="text-muted">{t("group.noSchedule")}</p>
              ) : (
                <ul className="flex flex-col gap-1">
                  {g.schedule.map((s) => (
                    <li key={`${s.weekday}-${s.starts_at}`} className="flex justify-between gap-3">
                      <span className="font-bold">{t(`weekdays.${s.weekday}`)}</span>
                      <span>
                        {hhmm(s.starts_at)}–{hhmm(s.ends_at)}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                <dt className="text-muted">{t("label.room")}</dt>
                <dd>{rooms.data?.find((r) => r.id === g.room_id)?.name ?? "—"}</dd>
                <dt className="text-muted">{t("label.startsOn")}</dt>
                <dd>{formatDate(g.starts_on, i18n.language)}</dd>
                <dt className="text-muted">{t("label.endsOn")}</dt>
                <dd>{formatDate(g.ends_on, i18n.language) || "—"}</dd>
                <dt className="text-muted">{t("label.monthlyPrice")}</dt>
                <dd>
                  {formatSoum(g.monthly_price, i18n.language)} {t("soum")}
                </dd>
              </dl>
            </Card>
            <div className="lg:col-span-2">
              <Roster group={g} />
            </div>
          </div>
          {editing ? (
            <SettingsDialog group={g} rooms={rooms.data ?? []} onClose={() => setEditing(false)} />
          ) : null}
        </Page>
      )}
    </QueryState>
  );
}
