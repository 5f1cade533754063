import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, formatDate, useTranslation } from "@alif/i18n";
import { formError } from "@alif/i18n/forms";
import { Alert, Button, Card, CardTitle, linkClass, Page, QueryState, useToast } from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { PaymentLinks } from "../components/PaymentLinks.tsx";
import {
  STUDENT_FIELDS,
  StudentFields,
  studentChanges,
  studentDraft,
} from "../components/StudentForm.tsx";
import { StudentHistory } from "../components/StudentHistory.tsx";
import { StudentMoney } from "../components/StudentMoney.tsx";
import { useOffice } from "../lib/office.ts";
import { keys, type Student, studentName, studentQuery } from "../lib/queries.ts";

function EditCard(props: { student: Student; onDone(): void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const client = useQueryClient();
  const toast = useToast();
  const before = studentDraft(props.student);
  const [draft, setDraft] = useState(before);
  const save = useMutation({
    mutationFn: () =>
      call(
        api.crm.PATCH("/api/crm/organizations/{organization_id}/students/{student_id}", {
          params: { path: { organization_id: office.id, student_id: props.student.id } },
          body: studentChanges(before, draft),
        }),
      ),
    onSuccess: (student) => {
      client.setQueryData(keys.student(office.id, student.id), student);
      void client.invalidateQueries({ queryKey: keys.students(office.id) });
      toast.show(t("student.saved"), "success");
      props.onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const banner = formError(save.error, t, [...STUDENT_FIELDS]);
  return (
    <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
      <StudentFields draft={draft} onChange={setDraft} error={save.error} />
      {banner ? <Alert tone="error">{banner}</Alert> : null}
      <div className="flex justify-end gap-3">
        <Button variant="secondary" onClick={props.onDone}>
          {t("actions.cancel")}
        </Button>
        <Button type="submit" loading={save.isPending} disabled={!draft.first_name.trim()}>
          {t("actions.save")}
        </Button>
      </div>
    </form>
  );
}

/** Prepares (never sends) an invitation SMS to the parent: the office checks it on the SMS screen. */
function InviteParent(props: { studentId: string }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const navigate = useNavigate();
  const invite = useMutation({
    mutationFn: () =>
      call(
        api.crm.POST("/api/crm/organizations/{organization_id}/sms/invite", {
          params: { path: { organization_id: office.id } },
          body: { student_ids: [props.studentId] },
        }),
      ),
    onSuccess: (batch) => navigate(office.to(`sms/${batch.id}`)),
  });
  return (
    <>
      <Button variant="secondary" onClick={() => invite.mutate()} disabled={invite.isPending}>
        {t("student.invite")}
      </Button>
      {invite.error ? <Alert tone="error">{errorMessage(t, invite.error)}</Alert> : null}
    </>
  );
}

/** A student's card: contacts, the parent, notes; the office changes it field by field. */
export default function StudentPage() {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const { studentId = "" } = useParams();
  const student = useQuery(studentQuery(api, office.id, studentId));
  const [editing, setEditing] = useState(false);
  return (
    <QueryState query={student}>
      {(data) => (
        <Page
          title={studentName(data)}
          back={
            <Link to={office.to("students")} className={linkClass()}>
              ← {t("students.heading")}
            </Link>
          }
          actions={
            editing ? null : (
              <div className="flex flex-wrap gap-2">
                {office.can("send_sms") && data.parent_phone ? (
                  <InviteParent studentId={data.id} />
                ) : null}
                {office.can("manage_students") ? (
                  <Button variant="secondary" onClick={() => setEditing(true)}>
                    {t("actions.edit")}
                  </Button>
                ) : null}
              </div>
            )
          }
        >
          <Card>
            {editing ? (
              <EditCard student={data} onDone={() => setEditing(false)} />
            ) : (
              <>
                <CardTitle>{t("student.contacts")}</CardTitle>
                <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
                  <dt className="text-muted">{t("label.phone")}</dt>
                  <dd>{data.phone ?? "—"}</dd>
                  <dt className="text-muted">{t("label.birthDate")}</dt>
                  <dd>{formatDate(data.birth_date, i18n.language) || "—"}</dd>
                  <dt className="text-muted">{t("label.parentName")}</dt>
                  <dd>{data.parent_name || "—"}</dd>
                  <dt className="text-muted">{t("label.parentPhone")}</dt>
                  <dd>{data.parent_phone ?? "—"}</dd>
                  <dt className="text-muted">{t("label.notes")}</dt>
                  <dd className="whitespace-pre-line">{data.notes || "—"}</dd>
                  <dt className="text-muted">{t("label.createdAt")}</dt>
                  <dd>{formatDate(data.created_at, i18n.language)}</dd>
                </dl>
              </>
            )}
          </Card>
          {office.can("view_money") ? <StudentMoney studentId={data.id} /> : null}
          {office.can("view_money") ? <PaymentLinks studentId={data.id} /> : null}
          <StudentHistory studentId={data.id} />
        </Page>
      )}
    </QueryState>
  );
}
