import { call } from "@alif/api";
import { useAuth, useMe } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import {
  Alert,
  Button,
  Card,
  CardTitle,
  Field,
  Input,
  linkClass,
  Page,
  Select,
  Textarea,
} from "@alif/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router";
import {
  GRADES,
  keys,
  type OlympiadCreate,
  REGIONS,
  type Region,
  type Scope,
  SUBJECTS,
  type Subject,
  TIE_BREAKS,
  TIE_RULES,
  type TieRule,
} from "../lib/queries.ts";

/** A `datetime-local` value (this device's time zone) for a moment. */
export function localInput(at: Date): string {
  const local = new Date(at.getTime() - at.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** Kangaroo: 3, 4 and 5 points, a quarter lost for a wrong answer; or one point each. */
export function sectionsFor(scoring: "kangaroo" | "plain") {
  return scoring === "kangaroo"
    ? [3, 4, 5].map((points) => ({ title: String(points), points, penalty: points / 4 }))
    : [{ title: "", points: 1, penalty: 0 }];
}

export default function NewOlympiad() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const me = useMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const staff = me.user.role !== "organization";
  const hour = 3_600_000;
  const start = new Date(Math.ceil(Date.now() / hour) * hour + hour);
  const [form, setForm] = useState({
    uz: "",
    ru: "",
    en: "",
    description: "",
    subject: "math" as Subject,
    gradeMin: 5,
    gradeMax: 7,
    scope: (staff ? "country" : "organization") as Scope,
    region: "",
    district: "",
    registrationOpens: localInput(new Date()),
    registrationCloses: localInput(start),
    opens: localInput(start),
    closes: localInput(new Date(start.getTime() + 2 * hour)),
    duration: 60,
    freeze: 0,
    scoring: "kangaroo" as "kangaroo" | "plain",
    bonus: 0,
    tieBreak: "time" as TieRule,
  });
  const set = <K extends keyof typeof form>(name: K, value: (typeof form)[K]) =>
    setForm((current) => ({ ...current, [name]: value }));
  const iso = (local: string) => new Date(local).toISOString();
  const create = useMutation({
    mutationFn: () => {
      const regional = form.scope === "region" || form.scope === "district";
      const body: OlympiadCreate = {
        title: { uz: form.uz.trim(), ru: form.ru.trim(), en: form.en.trim() },
        description: form.description.trim()
          ? { uz: form.description.trim(), ru: "", en: "" }
          : null,
        subject: form.subject,
        grade_min: form.gradeMin,
        grade_max: form.gradeMax,
        scope: form.scope,
        region: regional ? ((form.region || null) as Region | null) : null,
        district: form.scope === "district" ? form.district.trim() : "",
        registration_opens_at: iso(form.registrationOpens),
        registration_closes_at: iso(form.registrationCloses),
        tie_breaks: TIE_BREAKS[form.tieBreak],
        rounds: [
          {
            opens_at: iso(form.opens),
            closes_at: iso(form.closes),
            duration_minutes: form.duration,
            freeze_minutes: form.freeze,
            start_bonus: form.bonus,
            shuffle: true,
            sections: sectionsFor(form.scoring),
          },
        ],
      };
      return call(api.olimp.POST("/api/olimp/olympiads", { body }));
    },
    onSuccess: (olympiad) => {
      void client.invalidateQueries({ queryKey: keys.olympiads });
      navigate(`/olympiads/${olympiad.id}/manage`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const number = (value: string) => Number.parseInt(value, 10) || 0;
  return (
    <Page
      title={t("create.heading")}
      back={
        <Link to="/" className={linkClass()}>
          ← {t("home.heading")}
        </Link>
      }
    >
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <Card className="flex flex-col gap-3">
          <CardTitle>{t("create.about")}</CardTitle>
          <Field label={t("create.titleUz")}>
            <Input
              value={form.uz}
              onChange={(e) => set("uz", e.target.value)}
              required
              maxLength={200}
            />
          </Field>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label={t("create.titleRu")}>
              <Input value={form.ru} onChange={(e) => set("ru", e.target.value)} maxLength={200} />
            </Field>
            <Field label={t("create.titleEn")}>
              <Input value={form.en} onChange={(e) => set("en", e.target.value)} maxLength={200} />
            </Field>
          </div>
          <Field label={t("create.description")}>
            <Textarea
              value={form.description}
              rows={3}
              onChange={(e) => set("description", e.target.value)}
            />
          </Field>
          <div className="grid gap-3 sm:grid-cols-3">
            <Field label={t("create.subject")}>
              <Select
                value={form.subject}
                onChange={(e) => set("subject", e.target.value as Subject)}
              >
                {SUBJECTS.map((s) => (
                  <option key={s} value={s}>
                    {t(`subjects.${s}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t("create.gradeMin")}>
              <Select
                value={form.gradeMin}
                onChange={(e) => set("gradeMin", number(e.target.value))}
              >
                {GRADES.map((g) => (
                  <option key={g} value={g}>
                    {g}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t("create.gradeMax")}>
              <Select
                value={form.gradeMax}
                onChange={(e) => set("gradeMax", number(e.target.value))}
              >
                {GRADES.map((g) => (
                  <option key={g} value={g}>
                    {g}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          {staff ? (
            <div className="grid gap-3 sm:grid-cols-3">
              <Field label={t("create.scope")}>
                <Select value={form.scope} onChange={(e) => set("scope", e.target.value as Scope)}>
                  {(["country", "region", "district"] as const).map((s) => (
                    <option key={s} value={s}>
                      {t(`scopes.${s}`)}
                    </option>
                  ))}
                </Select>
              </Field>
              {form.scope !== "country" ? (
                <Field label={t("register.region")}>
                  <Select value={form.region} onChange={(e) => set("region", e.target.value)}>
                    <option value="">{t("register.chooseRegion")}</option>
                    {REGIONS.map((r) => (
                      <option key={r} value={r}>
                        {t(`common:regions.${r}`)}
                      </option>
                    ))}
                  </Select>
                </Field>
              ) : null}
              {form.scope === "district" ? (
                <Field label={t("register.district")}>
                  <Input value={form.district} onChange={(e) => set("district", e.target.value)} />
                </Field>
              ) : null}
            </div>
          ) : (
            <p className="text-muted">{t("scopes.organization")}</p>
          )}
        </Card>
        <Card className="flex flex-col gap-3">
          <CardTitle>{t("create.dates")}</CardTitle>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label={t("create.registrationOpens")}>
              <Input
                type="datetime-local"
                value={form.registrationOpens}
                onChange={(e) => set("registrationOpens", e.target.value)}
              />
            </Field>
            <Field label={t("create.registrationCloses")}>
              <Input
                type="datetime-local"
                value={form.registrationCloses}
                onChange={(e) => set("registrationCloses", e.target.value)}
              />
            </Field>
            <Field label={t("create.opens")}>
              <Input
                type="datetime-local"
                value={form.opens}
                onChange={(e) => set("opens", e.target.value)}
              />
            </Field>
            <Field label={t("create.closes")}>
              <Input
                type="datetime-local"
                value={form.closes}
                onChange={(e) => set("closes", e.target.value)}
              />
            </Field>
            <Field label={t("create.duration")}>
              <Input
                type="number"
                min={1}
                max={600}
                value={form.duration}
                onChange={(e) => set("duration", number(e.target.value))}
              />
            </Field>
            <Field label={t("create.freeze")} hint={t("create.freezeHint")}>
              <Input
                type="number"
                min={0}
                max={600}
                value={form.freeze}
                onChange={(e) => set("freeze", number(e.target.value))}
              />
            </Field>
          </div>
        </Card>
        <Card className="flex flex-col gap-3">
          <CardTitle>{t("create.scoring")}</CardTitle>
          <fieldset className="flex flex-col gap-2">
            <legend className="sr-only">{t("create.scoring")}</legend>
            {(["kangaroo", "plain"] as const).map((scoring) => (
              <label key={scoring} className="flex min-h-11 items-center gap-3">
                <input
                  type="radio"
                  name="scoring"
                  className="size-6 accent-brand-600"
                  checked={form.scoring === scoring}
                  onChange={() => set("scoring", scoring)}
                />
                {t(`create.${scoring}`)}
              </label>
            ))}
          </fieldset>
          <Field label={t("create.tieBreak")}>
            <Select
              value={form.tieBreak}
              onChange={(e) => set("tieBreak", e.target.value as TieRule)}
            >
              {TIE_RULES.map((rule) => (
                <option key={rule} value={rule}>
                  {t(`tieBreaks.${rule}`)}
                </option>
              ))}
            </Select>
          </Field>
          {form.scoring === "kangaroo" ? (
            <Field label={t("create.bonus")} hint={t("create.bonusHint")}>
              <Input
                type="number"
                min={0}
                max={1000}
                value={form.bonus}
                onChange={(e) => set("bonus", number(e.target.value))}
              />
            </Field>
          ) : null}
        </Card>
        {create.error ? <Alert tone="error">{errorMessage(t, create.error)}</Alert> : null}
        <Button type="submit" size="xl" loading={create.isPending} disabled={!form.uz.trim()}>
          {t("create.submit")}
        </Button>
      </form>
    </Page>
  );
}
