import { call, type MainSchema } from "@alif/api";
import { appOrigin, useAuth, useMe } from "@alif/auth";
import { errorMessage, formatDate, useTranslation } from "@alif/i18n";
import {
  Alert,
  Avatar,
  Button,
  buttonClass,
  Card,
  CardTitle,
  Dialog,
  EmptyState,
  Page,
  QueryState,
  useToast,
} from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { StatusBadge } from "../../components/StatusBadge.tsx";
import { keys, membersQuery } from "../../lib/queries.ts";
import { SubscriptionCard } from "./ParentHome.tsx";
import { GroupsCard } from "./TeacherHome.tsx";

// Two schemas of main are called MemberRead (groups, organizations), so OpenAPI names them by module.
type Member = MainSchema<"OrganizationMemberRead">;

function PendingTeachers(props: { members: Member[]; canDecide: boolean }) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const toast = useToast();
  const client = useQueryClient();
  const decide = useMutation({
    mutationFn: async ({ member, approve }: { member: Member; approve: boolean }) => {
      const params = { params: { path: { member_id: member.id } } };
      return approve
        ? call(api.main.POST("/api/main/organizations/mine/members/{member_id}/approve", params))
        : call(api.main.POST("/api/main/organizations/mine/members/{member_id}/reject", params));
    },
    onSuccess: (member, { approve }) => {
      toast.show(
        t(approve ? "org.approvedToast" : "org.rejectedToast", { name: member.first_name }),
      );
      void client.invalidateQueries({ queryKey: keys.members });
    },
  });
  if (props.members.length === 0) {
    return (
      <EmptyState icon="📭" title={t("org.noPending")}>
        {t("org.noPendingText")}
      </EmptyState>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      {!props.canDecide ? <Alert tone="info">{t("org.waitApproval")}</Alert> : null}
      {decide.error ? <Alert tone="error">{errorMessage(t, decide.error)}</Alert> : null}
      <ul className="flex flex-col gap-3">
        {props.members.map((member) => (
          <li
            key={member.id}
            className="flex flex-wrap items-center gap-3 rounded-2xl bg-slate-50 p-3"
          >
            <Avatar name={member.first_name} />
            <span className="flex flex-1 flex-col">
              <span className="font-bold">
                {member.first_name} {member.last_name}
              </span>
              <span className="text-muted text-sm">
                {t("org.requestedAt", { date: formatDate(member.created_at, i18n.language) })}
              </span>
            </span>
            <span className="flex gap-2">
              <Button
                onClick={() => decide.mutate({ member, approve: true })}
                disabled={!props.canDecide || decide.isPending}
              >
                {t("org.approve")}
              </Button>
              <Button
                variant="secondary"
                onClick={() => decide.mutate({ member, approve: false })}
                disabled={!props.canDecide || decide.isPending}
              >
                {t("org.reject")}
              </Button>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The organization's teachers; removing one passes the classes they led to the organization. */
function Teachers({ members }: { members: Member[] }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const toast = useToast();
  const client = useQueryClient();
  const [removing, setRemoving] = useState<Member | null>(null);
  const remove = useMutation({
    mutationFn: (member: Member) =>
      call(
        api.main.DELETE("/api/main/organizations/mine/members/{member_id}", {
          params: { path: { member_id: member.id } },
        }),
      ),
    onSuccess: (_, member) => {
      setRemoving(null);
      toast.show(t("org.removedToast", { name: member.first_name }));
      void client.invalidateQueries({ queryKey: keys.members });
      void client.invalidateQueries({ queryKey: ["groups", "managed"] });
    },
  });
  if (members.length === 0) return <p className="text-muted">{t("org.noTeachers")}</p>;
  return (
    <>
      <ul className="flex flex-col gap-2">
        {members.map((m) => (
          <li key={m.id} className="flex items-center gap-3">
            <Avatar name={m.first_name} />
            <span className="flex-1 font-bold">
              {m.first_name} {m.last_name}
            </span>
            <Button variant="ghost" onClick={() => setRemoving(m)}>
              {t("org.remove")}
            </Button>
          </li>
        ))}
      </ul>
      <Dialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title={t("org.removeTitle", { name: removing?.first_name ?? "" })}
        actions={
          <>
            <Button variant="ghost" onClick={() => setRemoving(null)}>
              {t("common:actions.cancel")}
            </Button>
            <Button
              variant="danger"
              loading={remove.isPending}
              onClick={() => removing && remove.mutate(removing)}
            >
              {t("org.remove")}
            </Button>
          </>
        }
      >
        <p>{t("org.removeText")}</p>
        {remove.error ? <Alert tone="error">{errorMessage(t, remove.error)}</Alert> : null}
      </Dialog>
    </>
  );
}

export default function OrganizationHome() {
  const { t } = useTranslation();
  const me = useMe();
  const { api } = useAuth();
  const members = useQuery(membersQuery(api));
  const organization = me.organization;
  const pending = me.user.status === "pending";
  return (
    <Page
      title={organization?.name ?? me.user.first_name}
      subtitle={<StatusBadge status={me.user.status} />}
      actions={
        pending ? null : (
          <a href={`${appOrigin("crm")}/`} className={buttonClass("primary")}>
            <span aria-hidden="true">🏫</span> {t("org.openOffice")}
          </a>
        )
      }
    >
      {pending ? (
        <Alert tone="warning" title={t("org.pendingTitle")}>
          {t("org.pendingText")}
        </Alert>
      ) : (
        <>
          <Alert tone="success">{t("org.approved")}</Alert>
          <GroupsCard />
          <SubscriptionCard />
        </>
      )}
      <section aria-labelledby="pending-title" className="flex flex-col gap-3">
        <h2 id="pending-title" className="font-extrabold text-2xl">
          {t("org.pendingTeachers")}
        </h2>
        <QueryState query={members}>
          {(list) => (
            <PendingTeachers
              members={list.filter((m) => m.status === "pending")}
              canDecide={!pending}
            />
          )}
        </QueryState>
      </section>
      <Card>
        <CardTitle>{t("org.teachers")}</CardTitle>
        <QueryState query={members}>
          {(list) => <Teachers members={list.filter((m) => m.status === "active")} />}
        </QueryState>
      </Card>
      {organization ? (
        <Card>
          <CardTitle>{t("org.details")}</CardTitle>
          <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
            <dt className="font-bold">{t("organization.kind")}</dt>
            <dd>{t(`organization.kinds.${organization.kind}`)}</dd>
            {organization.region ? (
              <>
                <dt className="font-bold">{t("organization.region")}</dt>
                <dd>{t(`common:regions.${organization.region}`)}</dd>
              </>
            ) : null}
            {organization.district ? (
              <>
                <dt className="font-bold">{t("organization.district")}</dt>
                <dd>{organization.district}</dd>
              </>
            ) : null}
            {organization.address ? (
              <>
                <dt className="font-bold">{t("organization.address")}</dt>
                <dd>{organization.address}</dd>
              </>
            ) : null}
            {organization.phone ? (
              <>
                <dt className="font-bold">{t("organization.phone")}</dt>
                <dd>{organization.phone}</dd>
              </>
            ) : null}
          </dl>
          <Link to="/settings" className={buttonClass("secondary", "md", "mt-4")}>
            {t("common:actions.edit")}
          </Link>
        </Card>
      ) : null}
    </Page>
  );
}
