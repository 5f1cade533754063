/**
 * i18n for every ALIF24 web app: Uzbek (Latin) by default, Russian and English.
 *
 * Uzbek is bundled with the app (the first screen never waits for it); Russian and English load
 * on demand. Missing keys fall back to Uzbek. The choice is remembered in localStorage and
 * reflected in `<html lang>`. The `common` namespace (actions, app names, error codes) lives here;
 * each app adds its own namespace.
 */
import i18next, { type i18n as I18n, type TFunction } from "i18next";
import { useEffect } from "react";
import { initReactI18next, useTranslation } from "react-i18next";
import uzCommon from "./locales/uz.json";

export type { i18n as I18n, TFunction } from "i18next";
export { I18nextProvider, Trans, useTranslation } from "react-i18next";
export { formatDate, formatMonth, formatNumber, formatSoum } from "./format.ts";
export { foldForComparison, normalizeUzbek, stripMarks, TURNED_COMMA, TUTUQ } from "./text.ts";

export const LANGUAGES = ["uz", "ru", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "uz";
export const STORAGE_KEY = "alif24.language";

export type Translations = { [key: string]: string | Translations };
/** One language's namespaces: `{ main: {...} }`. */
export type Bundle = Record<string, Translations>;

export interface AppTranslations {
  /** The app's namespace, which is also the default one (`t("home.title")`). */
  namespace: string;
  /** The app's Uzbek texts, bundled. */
  uz: Translations;
  /** Russian and English, loaded when chosen. */
  load: (language: Exclude<Language, "uz">) => Promise<Translations>;
}

const loadCommon = (language: Exclude<Language, "uz">): Promise<Translations> =>
  language === "ru"
    ? import("./locales/ru.json").then((m) => m.default)
    : import("./locales/en.json").then((m) => m.default);

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** The language chosen on this site (this browser, this host), or null when none was chosen. */
export function rememberedLanguage(): Language | null {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * A signed-in user's language, saved on their account, for a site where nobody chose one yet:
 * each app remembers the choice per host, so a family that picked Russian on one app sees Russian
 * on the others too. A choice made on this site wins.
 */
export function useAccountLanguage(account: string | null | undefined): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (!isLanguage(account) || rememberedLanguage() !== null || i18n.language === account) return;
    changeLanguage(i18n, account, { remember: false }).catch(() => undefined);
  }, [account, i18n]);
}

export function storedLanguage(): Language {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE; // storage blocked (private mode, sandboxed frame)
  }
}

function remember(language: Language): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // not remembered; the app still switches
  }
}

const loaded = new WeakMap<I18n, Map<Language, Promise<void>>>();

async function ensureLoaded(i18n: I18n, app: AppTranslations, language: Language): Promise<void> {
  if (language === "uz") return;
  let perInstance = loaded.get(i18n);
  if (!perInstance) {
    perInstance = new Map();
    loaded.set(i18n, perInstance);
  }
  let pending = perInstance.get(language);
  if (!pending) {
    pending = Promise.all([loadCommon(language), app.load(language)]).then(([common, own]) => {
      i18n.addResourceBundle(language, "common", common, true, true);
      i18n.addResourceBundle(language, app.namespace, own, true, true);
    });
    // A failed download (offline) may be tried again on the next switch.
    pending.catch(() => perInstance.delete(language));
    perInstance.set(language, pending);
  }
  await pending;
}

/** Creates and initialises the app's i18n instance in the remembered (or default) language. */
export async function setupI18n(
  app: AppTranslations,
  options: { language?: Language } = {},
): Promise<I18n> {
  const i18n = i18next.createInstance();
  const wanted = options.language ?? storedLanguage();
  await i18n.use(initReactI18next).init({
    resources: { uz: { common: uzCommon, [app.namespace]: app.uz } },
    partialBundledLanguages: true,
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    ns: ["common", app.namespace],
    defaultNS: app.namespace,
    fallbackNS: "common",
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  (i18n as I18n & { alifApp?: AppTranslations }).alifApp = app;
  if (wanted !== DEFAULT_LANGUAGE) {
    try {
      await changeLanguage(i18n, wanted, { remember: false });
    } catch {
      // stay in Uzbek if the bundle cannot load
    }
  }
  setDocumentLanguage(i18n.language as Language);
  return i18n;
}

function setDocumentLanguage(language: Language): void {
  if (typeof document !== "undefined") document.documentElement.lang = language;
}

/** Switches the language (loading it first) and remembers the choice. */
export async function changeLanguage(
  i18n: I18n,
  language: Language,
  options: { remember?: boolean } = {},
): Promise<void> {
  const app = (i18n as I18n & { alifApp?: AppTranslations }).alifApp;
  if (app) await ensureLoaded(i18n, app, language);
  await i18n.changeLanguage(language);
  setDocumentLanguage(language);
  if (options.remember !== false) remember(language);
}

/** What went wrong, in words a parent or a child understands, from an error's `code`. */
export function errorMessage(t: TFunction, error: unknown): string {
  const code =
    typeof error === "object" && error !== null && "code" in error
      ? String((error as { code: unknown }).code)
      : "unknown";
  const text = t(`common:errors.${code}`, { defaultValue: "" }) || t("common:errors.unknown");
  const retryAfter =
    typeof error === "object" && error !== null && "retryAfter" in error
      ? (error as { retryAfter: unknown }).retryAfter
      : null;
  if (typeof retryAfter === "number" && retryAfter > 60) {
    return t("common:errors.retry_after", { message: text, minutes: Math.ceil(retryAfter / 60) });
  }
  return text;
}
