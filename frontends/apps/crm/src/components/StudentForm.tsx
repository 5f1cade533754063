import { useTranslation } from "@alif/i18n";
import { fieldError } from "@alif/i18n/forms";
import { Field, Input, Textarea } from "@alif/ui";
import type { Student } from "../lib/queries.ts";

export interface StudentDraft {
  first_name: string;
  last_name: string;
  phone: string;
  birth_date: string;
  parent_name: string;
  parent_phone: string;
  notes: string;
}

export const STUDENT_FIELDS = [
  "first_name",
  "last_name",
  "phone",
  "birth_date",
  "parent_name",
  "parent_phone",
  "notes",
] as const;

export function studentDraft(student?: Student): StudentDraft {
  return {
    first_name: student?.first_name ?? "",
    last_name: student?.last_name ?? "",
    phone: student?.phone ?? "",
    birth_date: student?.birth_date ?? "",
    parent_name: student?.parent_name ?? "",
    parent_phone: student?.parent_phone ?? "",
    notes: student?.notes ?? "",
  };
}

/** The card as the API takes it: trimmed, and an empty phone or date sent as null (cleared). */
export function studentBody(draft: StudentDraft) {
  const orNull = (value: string) => (value.trim() ? value.trim() : null);
  return {
    first_name: draft.first_name.trim(),
    last_name: draft.last_name.trim(),
    phone: orNull(draft.phone),
    birth_date: draft.birth_date || null,
    parent_name: draft.parent_name.trim(),
    parent_phone: orNull(draft.parent_phone),
    notes: draft.notes.trim(),
  };
}

/** Only what changed, for a PATCH: an untouched field is not sent. */
export function studentChanges(before: StudentDraft, after: StudentDraft) {
  const a = studentBody(before);
  const b = studentBody(after);
  return Object.fromEntries(
    STUDENT_FIELDS.filter((f) => a[f] !== b[f]).map((f) => [f, b[f]]),
  ) as Partial<ReturnType<typeof studentBody>>;
}

export function StudentFields(props: {
  draft: StudentDraft;
  onChange(draft: StudentDraft): void;
  error: unknown;
}) {
  const { t } = useTranslation();
  const set = (field: keyof StudentDraft) => (e: { target: { value: string } }) =>
    props.onChange({ ...props.draft, [field]: e.target.value });
  const err = (field: string) => fieldError(props.error, field, t);
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field label={t("label.firstName")} error={err("first_name")}>
        <Input value={props.draft.first_name} onChange={set("first_name")} required />
      </Field>
      <Field label={t("label.lastName")} error={err("last_name")}>
        <Input value={props.draft.last_name} onChange={set("last_name")} />
      </Field>
      <Field label={t("label.phone")} hint={t("label.phoneHint")} error={err("phone")}>
        <Input type="tel" inputMode="tel" value={props.draft.phone} onChange={set("phone")} />
      </Field>
      <Field label={t("label.birthDate")} error={err("birth_date")}>
        <Input type="date" value={props.draft.birth_date} onChange={set("birth_date")} />
      </Field>
      <Field label={t("label.parentName")} error={err("parent_name")}>
        <Input value={props.draft.parent_name} onChange={set("parent_name")} />
      </Field>
      <Field label={t("label.parentPhone")} error={err("parent_phone")}>
        <Input
          type="tel"
          inputMode="tel"
          value={props.draft.parent_phone}
          onChange={set("parent_phone")}
        />
      </Field>
      <Field label={t("label.notes")} error={err("notes")} className="sm:col-span-2">
        <Textarea value={props.draft.notes} onChange={set("notes")} rows={3} />
      </Field>
    </div>
  );
}
