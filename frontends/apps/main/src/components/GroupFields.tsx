import { type TFunction, useTranslation } from "@alif/i18n";
import { Field, Input, Select } from "@alif/ui";
import { GRADES } from "./ChildFields.tsx";

export type GroupDraft = { name: string; subject: string; grade: string };

export function groupDraft(group?: { name: string; subject: string; grade: number | null }) {
  return {
    name: group?.name ?? "",
    subject: group?.subject ?? "",
    grade: group?.grade == null ? "" : String(group.grade),
  };
}

export function groupBody(draft: GroupDraft) {
  return {
    name: draft.name.trim(),
    subject: draft.subject.trim(),
    grade: draft.grade === "" ? null : Number(draft.grade),
  };
}

export function gradeLabel(grade: number | null | undefined, t: TFunction): string {
  if (grade === null || grade === undefined) return "";
  return grade === 0 ? t("home.preschool") : t("home.grade", { grade });
}

/** A class's name, subject and grade (creating and editing one share them). */
export function GroupFields(props: {
  value: GroupDraft;
  onChange(value: GroupDraft): void;
  nameError?: string | undefined;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const { value, onChange } = props;
  return (
    <>
      <Field label={t("groups.name")} hint={t("groups.nameHint")} error={props.nameError}>
        <Input
          value={value.name}
          onChange={(e) => onChange({ ...value, name: e.target.value })}
          required
          maxLength={120}
          autoFocus={props.autoFocus}
        />
      </Field>
      <Field label={t("groups.subject")}>
        <Input
          value={value.subject}
          onChange={(e) => onChange({ ...value, subject: e.target.value })}
          maxLength={80}
        />
      </Field>
      <Field label={t("childForm.grade")}>
        <Select value={value.grade} onChange={(e) => onChange({ ...value, grade: e.target.value })}>
          <option value="">{t("childForm.chooseGrade")}</option>
          {GRADES.map((grade) => (
            <option key={grade} value={grade}>
              {gradeLabel(Number(grade), t)}
            </option>
          ))}
        </Select>
      </Field>
    </>
  );
}
