import { useAuth, useMe } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { buttonClass, EmptyState, Page, QueryState } from "@alif/ui";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { OlympiadCard } from "../components/OlympiadCard.tsx";
import { ORGANIZERS, type Shelf, shelve } from "../lib/olympiad.ts";
import { childrenQuery, olympiadsQuery } from "../lib/queries.ts";

const ORDER: Shelf[] = ["open", "upcoming", "drafts", "past"];

/** The olympiads: open now, coming, past (and an organizer's drafts), with who may take part. */
export default function Home() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const me = useMe();
  const olympiads = useQuery(olympiadsQuery(api));
  const isParent = me.user.role === "parent";
  const children = useQuery({ ...childrenQuery(api), enabled: isParent });
  const organizer = (ORGANIZERS as readonly string[]).includes(me.user.role);
  const childGrades = children.data?.map((c) => ({ name: c.first_name, grade: c.grade }));
  return (
    <Page
      title={t("home.heading")}
      actions={
        organizer ? (
          <Link to="/new" className={buttonClass("sun", "lg")}>
            + {t("home.create")}
          </Link>
        ) : null
      }
    >
      <QueryState query={olympiads}>
        {({ data }) => {
          const shelves = shelve(data);
          if (data.length === 0) return <EmptyState icon="🏆" title={t("home.empty")} />;
          return ORDER.filter((shelf) => shelves[shelf].length > 0).map((shelf) => (
            <section key={shelf} className="flex flex-col gap-3" aria-labelledby={`shelf-${shelf}`}>
              <h2 id={`shelf-${shelf}`} className="font-black text-2xl">
                {t(`home.${shelf}`)}
              </h2>
              <div className="grid gap-4 md:grid-cols-2">
                {shelves[shelf].map((olympiad) => (
                  <OlympiadCard key={olympiad.id} olympiad={olympiad} childGrades={childGrades} />
                ))}
              </div>
            </section>
          ));
        }}
      </QueryState>
    </Page>
  );
}
