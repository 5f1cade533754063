import { call } from "@alif/api";
import { useAuth, useMe } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import { Alert, Button, Card, CardTitle, Field, Input, Select } from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { fitsGrade, registrationOpen, serverNow } from "../lib/olympiad.ts";
import {
  childrenQuery,
  keys,
  type Olympiad,
  REGIONS,
  type Region,
  type Registration,
  registrationsQuery,
  studentsQuery,
  type Timed,
} from "../lib/queries.ts";

function useRefresh(olympiadId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: keys.registrations(olympiadId) }),
      client.invalidateQueries({ queryKey: keys.olympiad(olympiadId) }),
      client.invalidateQueries({ queryKey: keys.olympiads }),
    ]);
}

/** Where the participant studies: the boards filter by it; a regional olympiad fixes the region. */
function PlaceFields(props: {
  olympiad: Olympiad;
  region: string;
  setRegion(value: string): void;
  district: string;
  setDistrict(value: string): void;
  school: string;
  setSchool(value: string): void;
}) {
  const { t } = useTranslation();
  const fixed = props.olympiad.region;
  return (
    <>
      <Field label={t("register.region")}>
        <Select
          value={fixed ?? props.region}
          disabled={fixed !== null}
          onChange={(e) => props.setRegion(e.target.value)}
        >
          <option value="">{t("register.chooseRegion")}</option>
          {REGIONS.map((r) => (
            <option key={r} value={r}>
              {t(`common:regions.${r}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("register.district")}>
        <Input
          value={props.olympiad.scope === "district" ? props.olympiad.district : props.district}
          disabled={props.olympiad.scope === "district"}
          maxLength={100}
          onChange={(e) => props.setDistrict(e.target.value)}
        />
      </Field>
      <Field label={t("register.school")}>
        <Input
          value={props.school}
          maxLength={200}
          onChange={(e) => props.setSchool(e.target.value)}
        />
      </Field>
    </>
  );
}

/** A student registers themself, a parent one of their children. */
function RegisterOne(props: {
  olympiad: Olympiad;
  registered: Registration[];
  students?: { id: string; name: string; grade: number | null }[];
}) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const refresh = useRefresh(props.olympiad.id);
  const { olympiad } = props;
  const available = props.students?.filter(
    (s) => !props.registered.some((r) => r.student_id === s.id) && fitsGrade(olympiad, s.grade),
  );
  const [studentId, setStudentId] = useState("");
  const [region, setRegion] = useState("");
  const [district, setDistrict] = useState("");
  const [school, setSchool] = useState("");
  const register = useMutation({
    mutationFn: () =>
      call(
        api.olimp.POST("/api/olimp/olympiads/{olympiad_id}/registrations", {
          params: { path: { olympiad_id: olympiad.id } },
          body: {
            student_id: props.students ? studentId : null,
            region: (olympiad.region ?? (region || null)) as Region | null,
            district: olympiad.scope === "district" ? olympiad.district : district.trim(),
            school: school.trim(),
          },
        }),
      ),
    onSuccess: () => {
      setStudentId("");
      void refresh();
    },
  });
  if (available && available.length === 0) {
    return <p className="text-muted">{t("register.noChildLeft")}</p>;
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate();
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
      {available ? (
        <Field label={t("register.child")}>
          <Select value={studentId} onChange={(e) => setStudentId(e.target.value)} required>
            <option value="">{t("register.chooseChild")}</option>
            {available.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <PlaceFields
        olympiad={olympiad}
        region={region}
        setRegion={setRegion}
        district={district}
        setDistrict={setDistrict}
        school={school}
        setSchool={setSchool}
      />
      {register.error ? <Alert tone="error">{errorMessage(t, register.error)}</Alert> : null}
      <Button
        type="submit"
        size="lg"
        loading={register.isPending}
        disabled={available !== undefined && !studentId}
      >
        {available ? t("register.childSubmit") : t("register.me")}
      </Button>
    </form>
  );
}

/** An organization registers its approved students at once; each refusal says why. */
function RegisterMany(props: { olympiad: Olympiad; registered: Registration[] }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const refresh = useRefresh(props.olympiad.id);
  const students = useQuery(studentsQuery(api));
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const register = useMutation({
    mutationFn: () =>
      call(
        api.olimp.POST("/api/olimp/olympiads/{olympiad_id}/registrations/bulk", {
          params: { path: { olympiad_id: props.olympiad.id } },
          body: { student_ids: [...chosen] },
        }),
      ),
    onSuccess: () => {
      setChosen(new Set());
      void refresh();
    },
  });
  const left = (students.data ?? []).filter(
    (s) => !props.registered.some((r) => r.student_id === s.user_id),
  );
  const names = new Map(
    (students.data ?? []).map((s) => [s.user_id, `${s.first_name} ${s.last_name}`]),
  );
  const toggle = (id: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <div className="flex flex-col gap-3">
      {left.length === 0 ? (
        <p className="text-muted">{t("register.noStudentLeft")}</p>
      ) : (
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-2 font-bold">{t("register.students")}</legend>
          {left.map((s) => (
            <label key={s.user_id} className="flex min-h-11 items-center gap-3">
              <input
                type="checkbox"
                className="size-6 accent-brand-600"
                checked={chosen.has(s.user_id)}
                onChange={() => toggle(s.user_id)}
              />
              {s.first_name} {s.last_name}
            </label>
          ))}
        </fieldset>
      )}
      {register.data && Object.keys(register.data.refused).length > 0 ? (
        <Alert tone="warning" title={t("register.refused")}>
          <ul>
            {Object.entries(register.data.refused).map(([id, code]) => (
              <li key={id}>
                {names.get(id) ?? id}: {t(`common:errors.${code}`)}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {register.error ? <Alert tone="error">{errorMessage(t, register.error)}</Alert> : null}
      <Button
        size="lg"
        loading={register.isPending}
        disabled={chosen.size === 0}
        onClick={() => register.mutate()}
      >
        {t("register.many", { count: chosen.size })}
      </Button>
    </div>
  );
}

function Registered(props: {
  olympiad: Olympiad;
  registration: Registration;
  name: string;
  canCancel: boolean;
}) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const refresh = useRefresh(props.olympiad.id);
  const cancel = useMutation({
    mutationFn: () =>
      call(
        api.olimp.DELETE("/api/olimp/olympiads/{olympiad_id}/registrations/{student_id}", {
          params: {
            path: { olympiad_id: props.olympiad.id, student_id: props.registration.student_id },
          },
        }),
      ),
    onSuccess: () => void refresh(),
  });
  return (
    <li className="flex min-h-12 flex-wrap items-center gap-3">
      <span className="flex-1 font-bold">
        ✓ {props.name} · {t("grade", { grade: props.registration.grade })}
      </span>
      {props.canCancel ? (
        <Button
          variant="secondary"
          loading={cancel.isPending}
          onClick={() => cancel.mutate()}
          aria-label={t("register.cancelFor", { name: props.name })}
        >
          {t("register.cancel")}
        </Button>
      ) : null}
      {cancel.error ? <Alert tone="error">{errorMessage(t, cancel.error)}</Alert> : null}
    </li>
  );
}

/** Registration for whoever is signed in: a student, a parent, an organization. */
export function Register(props: { olympiad: Timed<Olympiad> }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const me = useMe();
  const { data: olympiad, receivedAt } = props.olympiad;
  const registrations = useQuery(registrationsQuery(api, olympiad.id));
  const isParent = me.user.role === "parent";
  const children = useQuery({ ...childrenQuery(api), enabled: isParent });
  const role = me.user.role;
  if (!["student", "parent", "organization"].includes(role)) return null;
  const open = registrationOpen(olympiad, serverNow(olympiad.server_time, receivedAt));
  const registered = registrations.data ?? [];
  const nameOf = (id: string) =>
    id === me.user.id
      ? me.user.first_name
      : (children.data?.find((c) => c.id === id)?.first_name ?? t("register.student"));
  const mine = registered.find((r) => r.student_id === me.user.id);
  return (
    <Card className="flex flex-col gap-4">
      <CardTitle>{t("register.heading")}</CardTitle>
      {registered.length > 0 ? (
        <ul className="flex flex-col gap-1" aria-label={t("register.list")}>
          {registered.map((r) => (
            <Registered
              key={r.id}
              olympiad={olympiad}
              registration={r}
              name={nameOf(r.student_id)}
              canCancel={open}
            />
          ))}
        </ul>
      ) : null}
      {!open ? (
        <p className="text-muted">{t("register.closed")}</p>
      ) : role === "organization" ? (
        <RegisterMany olympiad={olympiad} registered={registered} />
      ) : isParent ? (
        children.data ? (
          <RegisterOne
            olympiad={olympiad}
            registered={registered}
            students={children.data.map((c) => ({ id: c.id, name: c.first_name, grade: c.grade }))}
          />
        ) : null
      ) : mine ? null : fitsGrade(olympiad, me.student_profile?.grade) ? (
        <RegisterOne olympiad={olympiad} registered={registered} />
      ) : (
        <p className="text-muted">{t("eligible.notYourGrade")}</p>
      )}
    </Card>
  );
}
