import { call, type MainSchema } from "@alif/api";
import { useAuth } from "@alif/auth";
import { type Language, useTranslation } from "@alif/i18n";
import { fieldError, formError } from "@alif/i18n/forms";
import { Alert, Button, Card, Field, Input, linkClass, Page } from "@alif/ui";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { CodeStep } from "../components/CodeStep.tsx";
import {
  EMPTY_ORGANIZATION,
  type OrganizationDraft,
  OrganizationFields,
  organizationBody,
} from "../components/OrganizationFields.tsx";
import { useAfterLogin } from "../lib/navigation.ts";
import { useAction } from "../lib/useAction.ts";

type Role = "parent" | "teacher" | "organization";
const ROLES: { role: Role; emoji: string }[] = [
  { role: "parent", emoji: "👪" },
  { role: "teacher", emoji: "👩‍🏫" },
  { role: "organization", emoji: "🏫" },
];
const FIELDS = ["identifier", "password", "first_name", "last_name", "name", "phone"];

export default function Register() {
  const { t, i18n } = useTranslation();
  const auth = useAuth();
  const { go } = useAfterLogin();
  const [role, setRole] = useState<Role | null>(null);
  const [firstName, setFirstName] = useState("");
  const [lastName, setLastName] = useState("");
  const [identifier, setIdentifier] = useState("");
  const [password, setPassword] = useState("");
  const [subjects, setSubjects] = useState("");
  const [organization, setOrganization] = useState<OrganizationDraft>(EMPTY_ORGANIZATION);
  const [sent, setSent] = useState<MainSchema<"CodeSentResponse"> | null>(null);

  const register = useAction(async (chosen: Role) => {
    const body = {
      role: chosen,
      identifier,
      password,
      first_name: firstName.trim(),
      last_name: lastName.trim(),
      language: i18n.language as Language,
      ...(chosen === "teacher"
        ? {
            subjects: subjects
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean)
              .slice(0, 10),
          }
        : {}),
      ...(chosen === "organization" ? { organization: organizationBody(organization) } : {}),
    };
    setSent(await call(auth.api.main.POST("/api/main/auth/register", { body })));
  });

  const error = (field: string) => fieldError(register.error, field, t);
  const banner = formError(register.error, t, FIELDS);

  if (sent) {
    return (
      <Page title={t("code.title")} narrow>
        <Card>
          <CodeStep sent={sent} onVerified={go} onBack={() => setSent(null)} />
        </Card>
      </Page>
    );
  }

  if (!role) {
    return (
      <Page title={t("register.title")} subtitle={t("register.roleQuestion")} narrow>
        <ul className="flex flex-col gap-3">
          {ROLES.map(({ role: option, emoji }) => (
            <li key={option}>
              <button
                type="button"
                onClick={() => setRole(option)}
                className="flex min-h-20 w-full items-center gap-4 rounded-[var(--radius-card)] bg-white p-5 text-left shadow-sm ring-2 ring-slate-200 transition-colors hover:bg-brand-50 hover:ring-brand-300"
              >
                <span aria-hidden="true" className="text-4xl">
                  {emoji}
                </span>
                <span className="flex flex-col">
                  <span className="font-extrabold text-lg">
                    {t(`register.roles.${option}.title`)}
                  </span>
                  <span className="text-muted">{t(`register.roles.${option}.text`)}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
        <Alert icon="🧒">{t("register.childNote")}</Alert>
        <p className="text-center">
          {t("register.haveAccount")}{" "}
          <Link to="/login" className={linkClass()}>
            {t("register.login")}
          </Link>
        </p>
      </Page>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void register.run(role);
  };

  return (
    <Page
      title={t(`register.roles.${role}.title`)}
      subtitle={t("register.title")}
      back={
        <Button variant="ghost" className="self-start" onClick={() => setRole(null)}>
          ← {t("common:actions.back")}
        </Button>
      }
      narrow
    >
      <Card>
        <form onSubmit={submit} className="flex flex-col gap-5" noValidate>
          {banner ? <Alert tone="error">{banner}</Alert> : null}
          {role !== "parent" ? <Alert tone="info">{t("register.approvalNote")}</Alert> : null}
          <Field label={t("register.firstName")} error={error("first_name")}>
            <Input
              value={firstName}
              onChange={(e) => setFirstName(e.target.value)}
              autoComplete="given-name"
              required
            />
          </Field>
          <Field label={t("register.lastName")} error={error("last_name")}>
            <Input
              value={lastName}
              onChange={(e) => setLastName(e.target.value)}
              autoComplete="family-name"
            />
          </Field>
          <Field
            label={t("register.identifier")}
            hint={t("register.identifierHint")}
            error={error("identifier")}
          >
            <Input
              value={identifier}
              onChange={(e) => setIdentifier(e.target.value)}
              autoComplete="username"
              inputMode="email"
              placeholder="+998 90 123 45 67"
              required
            />
          </Field>
          <Field
            label={t("register.password")}
            hint={t("register.passwordHint")}
            error={error("password")}
          >
            <Input
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="new-password"
              minLength={8}
              required
            />
          </Field>
          {role === "teacher" ? (
            <Field label={t("register.subjects")} hint={t("register.subjectsHint")}>
              <Input value={subjects} onChange={(e) => setSubjects(e.target.value)} />
            </Field>
          ) : null}
          {role === "organization" ? (
            <fieldset className="flex flex-col gap-5 rounded-2xl border-2 border-slate-200 p-4">
              <legend className="px-2 font-extrabold text-lg">
                {t("register.organizationTitle")}
              </legend>
              <OrganizationFields
                value={organization}
                onChange={setOrganization}
                errors={{ name: error("name"), phone: error("phone") }}
              />
            </fieldset>
          ) : null}
          <Button
            type="submit"
            size="lg"
            block
            loading={register.pending}
            disabled={
              !firstName.trim() ||
              !identifier.trim() ||
              password.length < 8 ||
              (role === "organization" && organization.name.trim().length < 2)
            }
          >
            {t("register.submit")}
          </Button>
        </form>
      </Card>
    </Page>
  );
}
