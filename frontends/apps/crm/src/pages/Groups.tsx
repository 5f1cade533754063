import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, formatSoum, useTranslation } from "@alif/i18n";
import {
  Alert,
  Button,
  Card,
  Dialog,
  EmptyState,
  Field,
  Input,
  Page,
  QueryState,
  Select,
} from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router";
import { Collisions } from "../components/Collisions.tsx";
import { type GroupDraft, GroupFields, groupBody } from "../components/GroupForm.tsx";
import { useOffice } from "../lib/office.ts";
import {
  type Group,
  groupsQuery,
  hhmm,
  keys,
  type Room,
  roomsQuery,
  staffQuery,
  studyGroupsQuery,
  today,
} from "../lib/queries.ts";

/** Who teaches: from the staff list when I may see it, else from the study groups main gave me. */
export function useTeacherNames(): Map<string, string> {
  const { api } = useAuth();
  const office = useOffice();
  const staff = useQuery({ ...staffQuery(api, office.id), enabled: office.can("view_staff") });
  const study = useQuery(studyGroupsQuery(api));
  const names = new Map<string, string>();
  for (const g of study.data ?? []) names.set(g.teacher_id, g.teacher_name);
  for (const s of staff.data ?? []) names.set(s.user_id, `${s.first_name} ${s.last_name}`.trim());
  return names;
}

export function ScheduleText(props: { group: Group }) {
  const { t } = useTranslation();
  if (props.group.schedule.length === 0) return <>{t("group.noSchedule")}</>;
  return (
    <>
      {props.group.schedule
        .map((s) => `${t(`weekdays.short.${s.weekday}`)} ${hhmm(s.starts_at)}–${hhmm(s.ends_at)}`)
        .join(", ")}
    </>
  );
}

/**
 * A new office group. Its class (name, subject, teacher) is the platform's study group, made on
 * main; here the office picks one of its classes without an office record, or names a new one.
 */
function NewGroupDialog(props: { rooms: Room[]; taken: Set<string>; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const client = useQueryClient();
  const navigate = useNavigate();
  const study = useQuery(studyGroupsQuery(api));
  const staff = useQuery({ ...staffQuery(api, office.id), enabled: office.can("view_staff") });
  const free = (study.data ?? []).filter(
    (g) => g.organization_id === office.id && !props.taken.has(g.id),
  );
  const [studyId, setStudyId] = useState("");
  const [name, setName] = useState("");
  const [subject, setSubject] = useState("");
  const [teacherId, setTeacherId] = useState("");
  const [draft, setDraft] = useState<GroupDraft>({
    room_id: "",
    starts_on: today(),
    ends_on: "",
    price: "",
    capacity: "12",
    schedule: [{ weekday: 0, starts_at: "14:00", ends_at: "15:30" }],
  });
  const teachers = (staff.data ?? []).filter((s) => s.role === "teacher");
  const add = useMutation({
    mutationFn: async () => {
      const body = groupBody(draft);
      if (!body) throw new Error(t("group.badNumbers"));
      let studyGroupId = studyId;
      if (!studyGroupId) {
        const made = await call(
          api.main.POST("/api/main/groups", {
            body: {
              name: name.trim(),
              subject: subject.trim(),
              organization_id: office.id,
              teacher_id: teacherId || null,
            },
          }),
        );
        studyGroupId = made.id;
        void client.invalidateQueries({ queryKey: keys.studyGroups });
      }
      return call(
        api.crm.POST("/api/crm/organizations/{organization_id}/groups", {
          params: { path: { organization_id: office.id } },
          body: { ...body, study_group_id: studyGroupId },
        }),
      );
    },
    onSuccess: (group) => {
      void client.invalidateQueries({ queryKey: keys.groups(office.id) });
      navigate(office.to(`groups/${group.id}`));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  return (
    <Dialog open onClose={props.onClose} title={t("groups.new")}>
      <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
        <Field label={t("groups.class")} hint={t("groups.classHint")}>
          <Select value={studyId} onChange={(e) => setStudyId(e.target.value)}>
            <option value="">{t("groups.newClass")}</option>
            {free.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name} · {g.teacher_name}
              </option>
            ))}
          </Select>
        </Field>
        {studyId ? null : (
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label={t("label.groupName")}>
              <Input value={name} onChange={(e) => setName(e.target.value)} required />
            </Field>
            <Field label={t("label.subject")}>
              <Input value={subject} onChange={(e) => setSubject(e.target.value)} />
            </Field>
            {teachers.length > 0 ? (
              <Field label={t("label.teacher")} className="sm:col-span-2">
                <Select value={teacherId} onChange={(e) => setTeacherId(e.target.value)}>
                  <option value="">{t("groups.teacherMe")}</option>
                  {teachers.map((s) => (
                    <option key={s.user_id} value={s.user_id}>
                      {s.first_name} {s.last_name}
                    </option>
                  ))}
                </Select>
              </Field>
            ) : null}
          </div>
        )}
        <GroupFields draft={draft} onChange={setDraft} rooms={props.rooms} error={add.error} />
        {add.error ? (
          <Alert tone="error">
            <p>{errorMessage(t, add.error)}</p>
            <Collisions error={add.error} />
          </Alert>
        ) : null}
        <div className="flex justify-end gap-3">
          <Button variant="secondary" onClick={props.onClose}>
            {t("actions.cancel")}
          </Button>
          <Button type="submit" loading={add.isPending} disabled={!studyId && !name.trim()}>
            {t("actions.add")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export default function Groups() {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const groups = useQuery(groupsQuery(api, office.id));
  const rooms = useQuery({ ...roomsQuery(api, office.id), enabled: office.can("manage_groups") });
  const teachers = useTeacherNames();
  const [adding, setAdding] = useState(false);
  const roomName = new Map((rooms.data ?? []).map((r) => [r.id, r.name]));
  return (
    <Page
      title={t("groups.heading")}
      actions={
        office.can("manage_groups") ? (
          <Button onClick={() => setAdding(true)}>{t("groups.new")}</Button>
        ) : null
      }
    >
      <QueryState query={groups}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState icon="👥" title={t("groups.empty")} />
          ) : (
            <ul className="grid gap-3 md:grid-cols-2">
              {list.map((g) => (
                <li key={g.id}>
                  <Card className="flex h-full flex-col gap-1">
                    <Link
                      to={office.to(`groups/${g.id}`)}
                      className="inline-flex min-h-11 items-center font-extrabold text-brand-800 text-xl hover:underline"
                    >
                      {g.name}
                    </Link>
                    <p className="text-muted">
                      {[
                        g.subject,
                        teachers.get(g.teacher_id),
                        g.room_id ? roomName.get(g.room_id) : null,
                      ]
                        .filter(Boolean)
                        .join(" · ")}
                    </p>
                    <p>
                      <ScheduleText group={g} />
                    </p>
                    <p className="text-sm">
                      {t("groups.priceAndPlaces", {
                        price: formatSoum(g.monthly_price, i18n.language),
                        capacity: g.capacity,
                      })}
                    </p>
                  </Card>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      {adding && groups.data ? (
        <NewGroupDialog
          rooms={rooms.data ?? []}
          taken={new Set(groups.data.map((g) => g.study_group_id))}
          onClose={() => setAdding(false)}
        />
      ) : null}
    </Page>
  );
}
