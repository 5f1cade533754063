import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import { Alert, Button, Card, Field, Input, Page, Select } from "@alif/ui";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router";
import { LANGUAGES, type Language } from "../../lib/queries.ts";

export default function NewTest() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const navigate = useNavigate();
  const [title, setTitle] = useState("");
  const [subject, setSubject] = useState("");
  const [grade, setGrade] = useState("");
  const [language, setLanguage] = useState<Language>("uz");
  const create = useMutation({
    mutationFn: () =>
      call(
        api.testai.POST("/api/testai/tests", {
          body: {
            title: title.trim(),
            subject: subject.trim(),
            grade: grade ? Number(grade) : null,
            language,
          },
        }),
      ),
    onSuccess: (test) => navigate(`/tests/${test.id}`, { replace: true }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim() && !create.isPending) create.mutate();
  };
  return (
    <Page
      title={t("tests.new")}
      narrow
      back={
        <Link to="/" className="font-bold text-brand-700">
          ← {t("tests.heading")}
        </Link>
      }
    >
      <Card>
        <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
          <Field label={t("settings.title")}>
            <Input
              required
              maxLength={200}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
          </Field>
          <Field label={t("settings.subject")}>
            <Input maxLength={80} value={subject} onChange={(e) => setSubject(e.target.value)} />
          </Field>
          <div className="grid grid-cols-2 gap-3">
            <Field label={t("settings.grade")}>
              <Select value={grade} onChange={(e) => setGrade(e.target.value)}>
                <option value="">—</option>
                {Array.from({ length: 11 }, (_, i) => String(i + 1)).map((g) => (
                  <option key={g} value={g}>
                    {g}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t("editor.language")}>
              <Select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
                {LANGUAGES.map((value) => (
                  <option key={value} value={value}>
                    {t(`common:language.${value}`)}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <Button type="submit" size="lg" loading={create.isPending} disabled={!title.trim()}>
            {t("tests.create")}
          </Button>
          {create.error ? <Alert tone="error">{errorMessage(t, create.error)}</Alert> : null}
        </form>
      </Card>
    </Page>
  );
}
