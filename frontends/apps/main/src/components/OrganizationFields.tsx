import { useTranslation } from "@alif/i18n";
import { Field, Input, Select } from "@alif/ui";

export const REGIONS = [
  "tashkent_city",
  "tashkent_region",
  "andijan",
  "bukhara",
  "fergana",
  "jizzakh",
  "kashkadarya",
  "khorezm",
  "namangan",
  "navoiy",
  "samarkand",
  "sirdarya",
  "surkhandarya",
  "karakalpakstan",
] as const;
export type Region = (typeof REGIONS)[number];
export type OrganizationKind = "school" | "learning_centre";

export type OrganizationDraft = {
  name: string;
  kind: OrganizationKind;
  region: Region | "";
  district: string;
  address: string;
  phone: string;
};

export const EMPTY_ORGANIZATION: OrganizationDraft = {
  name: "",
  kind: "learning_centre",
  region: "",
  district: "",
  address: "",
  phone: "",
};

/** The request body of an organization's details (empty optional fields left out). */
export function organizationBody(draft: OrganizationDraft) {
  return {
    name: draft.name.trim(),
    kind: draft.kind,
    region: draft.region || null,
    district: draft.district.trim(),
    address: draft.address.trim(),
    ...(draft.phone.trim() ? { phone: draft.phone.trim() } : {}),
  };
}

export function OrganizationFields(props: {
  value: OrganizationDraft;
  onChange(value: OrganizationDraft): void;
  errors?: Partial<Record<keyof OrganizationDraft, string | undefined>>;
}) {
  const { t } = useTranslation();
  const { value, onChange } = props;
  const set = <K extends keyof OrganizationDraft>(key: K, v: OrganizationDraft[K]) =>
    onChange({ ...value, [key]: v });
  return (
    <>
      <Field label={t("organization.name")} error={props.errors?.name}>
        <Input
          value={value.name}
          onChange={(e) => set("name", e.target.value)}
          required
          minLength={2}
        />
      </Field>
      <Field label={t("organization.kind")}>
        <Select
          value={value.kind}
          onChange={(e) => set("kind", e.target.value as OrganizationKind)}
        >
          <option value="learning_centre">{t("organization.kinds.learning_centre")}</option>
          <option value="school">{t("organization.kinds.school")}</option>
        </Select>
      </Field>
      <Field label={t("organization.region")}>
        <Select value={value.region} onChange={(e) => set("region", e.target.value as Region | "")}>
          <option value="">{t("organization.chooseRegion")}</option>
          {REGIONS.map((region) => (
            <option key={region} value={region}>
              {t(`common:regions.${region}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("organization.district")}>
        <Input value={value.district} onChange={(e) => set("district", e.target.value)} />
      </Field>
      <Field label={t("organization.address")}>
        <Input
          value={value.address}
          onChange={(e) => set("address", e.target.value)}
          autoComplete="street-address"
        />
      </Field>
      <Field label={t("organization.phone")} error={props.errors?.phone}>
        <Input
          value={value.phone}
          onChange={(e) => set("phone", e.target.value)}
          inputMode="tel"
          autoComplete="tel"
        />
      </Field>
    </>
  );
}
