import { ApiError } from "@alif/api";
import type { TFunction } from "i18next";
import { errorMessage } from "./index.ts";

const isField = (reported: string, name: string) =>
  reported === name || reported.endsWith(`.${name}`);

/**
 * A field's problem from a `validation_error`, in the user's words (the server's are English):
 * the app's `fields.<name>` text, else the common one, else "not filled in correctly".
 */
export function fieldError(error: unknown, field: string, t: TFunction): string | undefined {
  if (!(error instanceof ApiError) || error.code !== "validation_error") return undefined;
  if (!error.fieldErrors.some((f) => isField(f.field, field))) return undefined;
  return t(`fields.${field}`, { defaultValue: "" }) || t("common:fields.invalid");
}

/**
 * The message for a form's banner: null when every problem is one of `fields`, which the form
 * shows at the field itself; otherwise the translated error.
 */
export function formError(error: unknown, t: TFunction, fields: string[] = []): string | null {
  if (!error) return null;
  if (error instanceof ApiError && error.code === "validation_error") {
    const problems = error.fieldErrors;
    const known = problems.every((f) => fields.some((name) => isField(f.field, name)));
    if (known && problems.length > 0) return null;
  }
  return errorMessage(t, error);
}
