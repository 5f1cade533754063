import { ApiError } from "@alif/api";
import { errorMessage } from "@alif/i18n";
import type { TFunction } from "i18next";

const LOCALES: Record<string, string> = { uz: "uz-Latn-UZ", ru: "ru-RU", en: "en-GB" };

export function formatDate(
  value: string | null | undefined,
  language: string,
  withTime = false,
): string {
  if (!value) return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat(LOCALES[language] ?? language, {
    dateStyle: "medium",
    ...(withTime ? { timeStyle: "short" } : {}),
  }).format(date);
}

/** A field's problem from a `validation_error`, in the user's words (the server's are English). */
export function fieldError(error: unknown, field: string, t: TFunction): string | undefined {
  if (!(error instanceof ApiError) || error.code !== "validation_error") return undefined;
  const problem = error.fieldErrors.find((f) => f.field === field || f.field.endsWith(`.${field}`));
  if (!problem) return undefined;
  const key = `main:fields.${field}`;
  return t(key, { defaultValue: "" }) || t("main:fields.invalid");
}

/** The message for a form's error banner (field errors are shown at their fields). */
export function formError(error: unknown, t: TFunction, fields: string[] = []): string | null {
  if (!error) return null;
  if (error instanceof ApiError && error.code === "validation_error") {
    const known = error.fieldErrors.every((f) =>
      fields.some((name) => f.field === name || f.field.endsWith(`.${name}`)),
    );
    if (known && error.fieldErrors.length > 0) return null;
  }
  return errorMessage(t, error);
}
