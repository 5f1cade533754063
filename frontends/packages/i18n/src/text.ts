/**
 * Uzbek text: one normaliser for every apostrophe look-alike, mirroring `shared/alif/text.py`.
 *
 * Oʻ and Gʻ are a base letter plus U+02BB (MODIFIER LETTER TURNED COMMA); the tutuq belgisi is
 * U+02BC (MODIFIER LETTER APOSTROPHE). People type either as ' ‘ ’ ` ʻ ʼ (phones add more). Both
 * implementations are tested against `shared/tests/text_cases.json`.
 */

export const TURNED_COMMA = "\u02bb";
export const TUTUQ = "\u02bc";

const APOSTROPHES = "'`\u2018\u2019\u02bb\u02bc\u00b4\u02b9\u2032";
const AFTER_O_OR_G = new RegExp(`(?<=[OoGg])[${APOSTROPHES}]`, "g");
const ELSEWHERE = new RegExp(`(?<![OoGg])[${APOSTROPHES}]`, "g");
const SPACES = /\s+/g;
// Full case folding where it differs from lower-casing, for the scripts ALIF24 meets.
const FOLDS: Record<string, string> = { ß: "ss", ẞ: "ss", ς: "σ" };

/** NFC, then an apostrophe after o/g becomes U+02BB and any other becomes U+02BC. */
export function normalizeUzbek(text: string): string {
  return text.normalize("NFC").replace(AFTER_O_OR_G, TURNED_COMMA).replace(ELSEWHERE, TUTUQ);
}

/** The form two answers are compared in: normalised, case-folded, spaces collapsed. */
export function foldForComparison(text: string): string {
  return normalizeUzbek(text)
    .replace(SPACES, " ")
    .trim()
    .toLowerCase()
    .replace(/[ßẞς]/g, (c) => FOLDS[c] ?? c);
}

/** For search only: `oʻzbek` also matches a query typed as `ozbek`. */
export function stripMarks(text: string): string {
  return foldForComparison(text).replaceAll(TURNED_COMMA, "").replaceAll(TUTUQ, "");
}
