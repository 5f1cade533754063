import { useAuth, useMe } from "@alif/auth";
import { formatDate, useTranslation } from "@alif/i18n";
import { buttonClass, Card, CardTitle, linkClass, Page, QueryState } from "@alif/ui";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { Link, useParams } from "react-router";
import { Countdown } from "../components/Countdown.tsx";
import { MyResults } from "../components/MyResults.tsx";
import { Audience, StateBadge } from "../components/OlympiadCard.tsx";
import { Register } from "../components/Register.tsx";
import { currentRound, localized, serverNow } from "../lib/olympiad.ts";
import {
  childrenQuery,
  keys,
  type Olympiad,
  olympiadQuery,
  registrationsQuery,
  type Timed,
} from "../lib/queries.ts";

/** The waiting room and the way in: a countdown on the server's clock, then "start". */
function RoundPanel(props: { olympiad: Timed<Olympiad>; canSit: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const { data: olympiad, receivedAt } = props.olympiad;
  const now = serverNow(olympiad.server_time, receivedAt);
  const round = currentRound(olympiad, now);
  const reread = useCallback(
    () => client.invalidateQueries({ queryKey: keys.olympiad(olympiad.id) }),
    [client, olympiad.id],
  );
  if (olympiad.state === "draft") return null;
  const base = (roundId: string) => `/olympiads/${olympiad.id}/rounds/${roundId}`;
  const last = olympiad.rounds[olympiad.rounds.length - 1];
  if (!round) {
    return last ? (
      <Card className="flex flex-col gap-3">
        <CardTitle>{t("round.over")}</CardTitle>
        <Link to={`${base(last.id)}/board`} className={linkClass()}>
          🏅 {t("round.board")}
        </Link>
      </Card>
    ) : null;
  }
  const running = Date.parse(round.opens_at) <= now;
  return (
    <Card className="flex flex-col items-start gap-3">
      <CardTitle>
        {olympiad.rounds.length > 1 ? t("round.numbered", { n: round.number }) : t("round.paper")}
      </CardTitle>
      <p>
        {t("round.window", {
          opens: formatDate(round.opens_at, i18n.language, true),
          closes: formatDate(round.closes_at, i18n.language, true),
        })}{" "}
        · {t("round.duration", { count: round.duration_minutes })}
      </p>
      {running ? (
        props.canSit ? (
          <Link to={`${base(round.id)}/paper`} className={buttonClass("sun", "xl")}>
            ✏️ {t("round.start")}
          </Link>
        ) : null
      ) : (
        <div className="flex flex-col gap-1" data-testid="waiting-room">
          <p className="font-bold text-muted">{t("round.startsIn")}</p>
          <Countdown
            at={round.opens_at}
            serverTime={olympiad.server_time}
            receivedAt={receivedAt}
            onZero={reread}
          />
        </div>
      )}
      <Link to={`${base(round.id)}/board`} className={linkClass()}>
        🏅 {t("round.board")}
      </Link>
    </Card>
  );
}

export default function OlympiadPage() {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const me = useMe();
  const { olympiadId = "" } = useParams();
  const olympiad = useQuery(olympiadQuery(api, olympiadId));
  const isStudent = me.user.role === "student";
  const registrations = useQuery({
    ...registrationsQuery(api, olympiadId),
    enabled: isStudent,
  });
  const registered = registrations.data?.some((r) => r.student_id === me.user.id) ?? false;
  const isParent = me.user.role === "parent";
  const parentRegistrations = useQuery({
    ...registrationsQuery(api, olympiadId),
    enabled: isParent,
  });
  const children = useQuery({ ...childrenQuery(api), enabled: isParent });
  // Whose results this page shows: my own (a student), each registered child's (a parent).
  const resultsFor = isStudent
    ? registered
      ? [{ id: me.user.id, name: me.user.first_name }]
      : []
    : (parentRegistrations.data ?? []).map((r) => ({
        id: r.student_id,
        name: children.data?.find((c) => c.id === r.student_id)?.first_name ?? "",
      }));
  return (
    <QueryState query={olympiad}>
      {(timed) => {
        const o = timed.data;
        const organizer =
          o.organizer_id === me.user.id ||
          (o.organization_id === null && ["moderator", "admin"].includes(me.user.role));
        return (
          <Page
            title={localized(o.title, i18n.language)}
            subtitle={<Audience olympiad={o} />}
            back={
              <Link to="/" className={linkClass()}>
                ← {t("home.heading")}
              </Link>
            }
            actions={
              organizer ? (
                <Link to={`/olympiads/${o.id}/manage`} className={buttonClass("secondary", "lg")}>
                  ⚙️ {t("manage.link")}
                </Link>
              ) : null
            }
          >
            <div className="flex flex-wrap items-center gap-3">
              <StateBadge state={o.state} />
              <span className="font-semibold">{t(`subjects.${o.subject}`)}</span>
              <span className="text-muted">{t("registeredCount", { count: o.registered })}</span>
            </div>
            {localized(o.description, i18n.language) ? (
              <p className="whitespace-pre-line text-lg">
                {localized(o.description, i18n.language)}
              </p>
            ) : null}
            <p>
              {t("registrationWindow", {
                opens: formatDate(o.registration_opens_at, i18n.language, true),
                closes: formatDate(o.registration_closes_at, i18n.language, true),
              })}
            </p>
            <RoundPanel olympiad={timed} canSit={isStudent && registered} />
            {o.state === "finished" || o.state === "results_published"
              ? resultsFor.map((r) => (
                  <MyResults key={r.id} olympiadId={o.id} studentId={r.id} name={r.name} />
                ))
              : null}
            <Register olympiad={timed} />
          </Page>
        );
      }}
    </QueryState>
  );
}
