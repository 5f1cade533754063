import { useAuth } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { fieldError, formError } from "@alif/i18n/forms";
import { Alert, Button, cx, Field, Input, Select, Textarea } from "@alif/ui";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import {
  type CourseCreate,
  type CourseDetail,
  GRADES,
  groupsQuery,
  type Language,
  type Visibility,
} from "../lib/queries.ts";

const VISIBILITIES: Visibility[] = ["public", "groups", "organization"];
const LANGUAGES: Language[] = ["uz", "ru", "en"];

const checkClass = (on: boolean) =>
  cx(
    "inline-flex min-h-12 cursor-pointer items-center gap-2 rounded-xl px-3 font-bold ring-2",
    on ? "bg-brand-50 ring-brand-600" : "bg-white ring-slate-200",
  );

/** What a course is and who sees it: the fields of `CourseCreate` / `CourseUpdate`. */
export function CourseForm(props: {
  course?: CourseDetail;
  onSave(body: CourseCreate): void;
  saving: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const groups = useQuery(groupsQuery(api));
  const c = props.course;
  const [title, setTitle] = useState(c?.title ?? "");
  const [description, setDescription] = useState(c?.description ?? "");
  const [subject, setSubject] = useState(c?.subject ?? "");
  const [grades, setGrades] = useState<number[]>(c?.grades ?? []);
  const [language, setLanguage] = useState<Language>(c?.language ?? "uz");
  const [cover, setCover] = useState(c?.cover_url ?? "");
  const [visibility, setVisibility] = useState<Visibility>(c?.visibility ?? "public");
  const [groupIds, setGroupIds] = useState<string[]>(c?.group_ids ?? []);
  const [premium, setPremium] = useState(c?.access === "premium");
  const [coins, setCoins] = useState(String(c?.reward_coins ?? 20));
  const error = props.error;
  const fields = ["title", "description", "subject", "cover_url", "reward_coins", "group_ids"];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSave({
      title: title.trim(),
      description: description.trim(),
      subject: subject.trim(),
      grades: [...grades].sort((a, b) => a - b),
      language,
      cover_url: cover.trim() || null,
      visibility,
      access: premium ? "premium" : "free",
      reward_coins: Number(coins) || 0,
      group_ids: visibility === "groups" ? groupIds : [],
    });
  };
  const toggle = <T,>(list: T[], value: T) =>
    list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
  const banner = error ? formError(error, t, fields) : null;

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <Field label={t("form.title")} error={fieldError(error, "title", t)}>
        <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={160} required />
      </Field>
      <Field label={t("form.description")} error={fieldError(error, "description", t)}>
        <Textarea
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={2000}
          rows={3}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("form.subject")} error={fieldError(error, "subject", t)}>
          <Input value={subject} onChange={(e) => setSubject(e.target.value)} maxLength={60} />
        </Field>
        <Field label={t("form.language")}>
          <Select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`common:language.${l}`)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-bold">{t("form.grades")}</legend>
        <div className="flex flex-wrap gap-2">
          {GRADES.map((g) => (
            <label key={g} className={checkClass(grades.includes(g))}>
              <input
                type="checkbox"
                className="size-5 accent-brand-600"
                checked={grades.includes(g)}
                onChange={() => setGrades(toggle(grades, g))}
              />
              {g === 0 ? t("grades.preschool") : g}
            </label>
          ))}
        </div>
      </fieldset>
      <Field
        label={t("form.cover")}
        hint={t("form.httpsHint")}
        error={fieldError(error, "cover_url", t)}
      >
        <Input
          type="url"
          value={cover}
          onChange={(e) => setCover(e.target.value)}
          maxLength={500}
        />
      </Field>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-bold">{t("form.visibility")}</legend>
        <div className="flex flex-wrap gap-2">
          {VISIBILITIES.map((v) => (
            <label key={v} className={checkClass(visibility === v)}>
              <input
                type="radio"
                name="visibility"
                className="size-5 accent-brand-600"
                checked={visibility === v}
                onChange={() => setVisibility(v)}
              />
              {t(`form.visibilities.${v}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {visibility === "groups" ? (
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 font-bold">{t("form.groups")}</legend>
          {groups.data && groups.data.length === 0 ? (
            <p className="text-muted">{t("form.noGroups")}</p>
          ) : null}
          <div className="flex flex-wrap gap-2">
            {(groups.data ?? [])
              .filter((g) => !g.archived_at)
              .map((g) => (
                <label key={g.id} className={checkClass(groupIds.includes(g.id))}>
                  <input
                    type="checkbox"
                    className="size-5 accent-brand-600"
                    checked={groupIds.includes(g.id)}
                    onChange={() => setGroupIds(toggle(groupIds, g.id))}
                  />
                  {g.name}
                </label>
              ))}
          </div>
        </fieldset>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("form.coins")} error={fieldError(error, "reward_coins", t)}>
          <Input
            type="number"
            inputMode="numeric"
            min={0}
            max={500}
            value={coins}
            onChange={(e) => setCoins(e.target.value)}
          />
        </Field>
        <label className={cx(checkClass(premium), "self-end")}>
          <input
            type="checkbox"
            className="size-5 accent-brand-600"
            checked={premium}
            onChange={() => setPremium(!premium)}
          />
          {t("form.premium")}
        </label>
      </div>
      {banner ? <Alert tone="error">{banner}</Alert> : null}
      <Button
        type="submit"
        size="lg"
        loading={props.saving}
        disabled={!title.trim()}
        className="self-start"
      >
        {c ? t("form.save") : t("form.create")}
      </Button>
    </form>
  );
}
