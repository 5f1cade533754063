import { ApiError } from "@alif/api";
import { errorMessage, type TFunction } from "@alif/i18n";

export { formatDate, formatNumber, formatSoum } from "@alif/i18n";

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
