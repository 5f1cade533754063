import { useAuth } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { buttonClass, Card, EmptyState, Field, Input, Page, QueryState } from "@alif/ui";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useDeferredValue } from "react";
import { Link, useSearchParams } from "react-router";
import { testsQuery } from "../../lib/queries.ts";

export default function Tests() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const [params, setParams] = useSearchParams();
  const search = params.get("q") ?? "";
  const q = useDeferredValue(search.trim());
  const tests = useQuery({ ...testsQuery(api, q), placeholderData: keepPreviousData });
  return (
    <Page
      title={t("tests.heading")}
      actions={
        <Link to="/tests/new" className={buttonClass("primary", "lg")}>
          + {t("tests.new")}
        </Link>
      }
    >
      <Field label={t("tests.search")}>
        <Input
          type="search"
          value={search}
          onChange={(e) =>
            setParams(e.target.value ? { q: e.target.value } : {}, { replace: true })
          }
        />
      </Field>
      <QueryState query={tests}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState icon="📝" title={q ? t("tests.noMatch") : t("tests.empty")} />
          ) : (
            <ul className="flex flex-col gap-2">
              {page.items.map((test) => (
                <li key={test.id}>
                  <Link to={`/tests/${test.id}`} className="block rounded-[var(--radius-card)]">
                    <Card className="flex flex-wrap items-center gap-3 hover:ring-brand-300">
                      <div className="flex-1">
                        <p className="font-bold text-lg">{test.title}</p>
                        <p className="text-muted text-sm">
                          {[
                            test.subject,
                            t("student.questionCount", { count: test.question_count }),
                          ]
                            .filter(Boolean)
                            .join(" · ")}
                        </p>
                      </div>
                      <span className="rounded-full bg-slate-100 px-3 py-1 font-bold text-sm">
                        {t(`status.${test.status}`)}
                      </span>
                    </Card>
                  </Link>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Page>
  );
}
