import { call } from "@alif/api";
import { useAuth, useMe } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import {
  Alert,
  Button,
  buttonClass,
  Card,
  CardTitle,
  Field,
  Input,
  Page,
  QueryState,
  useToast,
} from "@alif/ui";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { StatusBadge } from "../../components/StatusBadge.tsx";
import { organizationsQuery } from "../../lib/queries.ts";
import { useAction } from "../../lib/useAction.ts";

function JoinOrganization() {
  const { t } = useTranslation();
  const auth = useAuth();
  const toast = useToast();
  const [text, setText] = useState("");
  const [query, setQuery] = useState<string | null>(null);
  const results = useQuery({
    ...organizationsQuery(auth.api, query ?? ""),
    enabled: query !== null,
  });
  const join = useAction(async (organizationId: string) => {
    await call(
      auth.api.main.POST("/api/main/organizations/{organization_id}/join", {
        params: { path: { organization_id: organizationId } },
      }),
    );
    toast.show(t("teacher.joined"));
    await auth.reload();
  });
  const search = (event: FormEvent) => {
    event.preventDefault();
    setQuery(text.trim());
  };
  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={search} className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <Field label={t("teacher.search")} hint={t("teacher.searchHint")} className="flex-1">
          <Input type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
        <Button type="submit" variant="secondary" size="lg">
          <span aria-hidden="true">🔎</span> {t("teacher.search")}
        </Button>
      </form>
      {join.error ? <Alert tone="error">{errorMessage(t, join.error)}</Alert> : null}
      {query !== null ? (
        <QueryState query={results}>
          {(page) =>
            page.items.length === 0 ? (
              <p className="text-muted">{t("teacher.noResults")}</p>
            ) : (
              <ul className="flex flex-col gap-2">
                {page.items.map((org) => (
                  <li
                    key={org.id}
                    className="flex flex-wrap items-center gap-3 rounded-2xl bg-slate-50 p-3"
                  >
                    <span className="flex-1">
                      <span className="block font-bold">{org.name}</span>
                      <span className="text-muted text-sm">
                        {t(`organization.kinds.${org.kind}`)}
                        {org.region ? ` · ${t(`common:regions.${org.region}`)}` : ""}
                        {org.district ? ` · ${org.district}` : ""}
                      </span>
                    </span>
                    <Button onClick={() => void join.run(org.id)} loading={join.pending}>
                      {t("teacher.join")}
                    </Button>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      ) : null}
    </div>
  );
}

/** The way to the classes a teacher (or a centre) runs. */
export function GroupsCard() {
  const { t } = useTranslation();
  return (
    <Card className="flex flex-wrap items-center gap-4">
      <span aria-hidden="true" className="text-4xl">
        🏫
      </span>
      <div className="flex flex-1 flex-col gap-1">
        <h2 className="font-extrabold text-xl">{t("groups.title")}</h2>
        <p className="text-muted">{t("groups.cardText")}</p>
      </div>
      <Link to="/groups" className={buttonClass("primary", "lg")}>
        {t("groups.open")}
      </Link>
    </Card>
  );
}

export default function TeacherHome() {
  const { t } = useTranslation();
  const me = useMe();
  const pending = me.user.status === "pending";
  const membership = me.membership;
  const subjects = me.teacher_profile?.subjects ?? [];
  return (
    <Page
      title={t("home.hello", { name: me.user.first_name })}
      subtitle={<StatusBadge status={me.user.status} />}
    >
      {pending ? (
        <Alert tone="warning" title={t("teacher.pendingTitle")}>
          {t("teacher.pendingText")}
        </Alert>
      ) : (
        <>
          <Alert tone="success">{t("teacher.approved")}</Alert>
          <GroupsCard />
        </>
      )}
      <Card>
        <CardTitle>{t("teacher.organization")}</CardTitle>
        {membership && membership.status !== "rejected" ? (
          <div className="flex flex-col items-start gap-2">
            <StatusBadge status={membership.status} />
            <p className="text-lg">
              {t(`teacher.membership.${membership.status}`, { name: membership.organization.name })}
            </p>
          </div>
        ) : (
          <div className="flex flex-col gap-4">
            <p className="text-muted">
              {membership
                ? t("teacher.membership.rejected", { name: membership.organization.name })
                : t("teacher.noOrganization")}
            </p>
            <JoinOrganization />
          </div>
        )}
      </Card>
      <Card>
        <CardTitle>{t("teacher.profile")}</CardTitle>
        <p className="font-bold">{t("teacher.subjects")}</p>
        <p className="mb-2 text-muted">
          {subjects.length ? subjects.join(", ") : t("teacher.noSubjects")}
        </p>
        {me.teacher_profile?.bio ? (
          <p className="whitespace-pre-line">{me.teacher_profile.bio}</p>
        ) : null}
        <Link to="/settings" className={buttonClass("secondary", "md", "mt-4")}>
          {t("common:actions.edit")}
        </Link>
      </Card>
    </Page>
  );
}
