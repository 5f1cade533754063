import { useTranslation } from "@alif/i18n";
import { Field, Input, Select } from "@alif/ui";

export type ChildDraft = {
  first_name: string;
  last_name: string;
  birth_date: string;
  grade: string;
  school_name: string;
};

export const GRADES = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"];

export function childBody(draft: ChildDraft) {
  return {
    first_name: draft.first_name.trim(),
    last_name: draft.last_name.trim(),
    birth_date: draft.birth_date || null,
    grade: draft.grade === "" ? null : Number(draft.grade),
    school_name: draft.school_name.trim(),
  };
}

/** Name, birth date, grade and school of a child (add and edit share them). */
export function ChildFields(props: {
  value: ChildDraft;
  onChange(value: ChildDraft): void;
  errors?: Partial<Record<keyof ChildDraft, string | undefined>>;
}) {
  const { t } = useTranslation();
  const { value, onChange } = props;
  const set = (key: keyof ChildDraft, v: string) => onChange({ ...value, [key]: v });
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      <Field label={t("childForm.firstName")} error={props.errors?.first_name}>
        <Input
          value={value.first_name}
          onChange={(e) => set("first_name", e.target.value)}
          required
        />
      </Field>
      <Field label={t("childForm.lastName")}>
        <Input value={value.last_name} onChange={(e) => set("last_name", e.target.value)} />
      </Field>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label={t("childForm.birthDate")} error={props.errors?.birth_date}>
          <Input
            type="date"
            value={value.birth_date}
            max={today}
            onChange={(e) => set("birth_date", e.target.value)}
          />
        </Field>
        <Field label={t("childForm.grade")}>
          <Select value={value.grade} onChange={(e) => set("grade", e.target.value)}>
            <option value="">{t("childForm.chooseGrade")}</option>
            {GRADES.map((grade) => (
              <option key={grade} value={grade}>
                {grade === "0" ? t("home.preschool") : t("home.grade", { grade })}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label={t("childForm.school")}>
        <Input value={value.school_name} onChange={(e) => set("school_name", e.target.value)} />
      </Field>
    </>
  );
}
