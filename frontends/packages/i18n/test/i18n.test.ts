import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import catalog from "../../api/catalog.json";
import {
  type AppTranslations,
  changeLanguage,
  errorMessage,
  normalizeUzbek,
  STORAGE_KEY,
  setupI18n,
  storedLanguage,
  type Translations,
} from "../src/index.ts";
import en from "../src/locales/en.json";
import ru from "../src/locales/ru.json";
import uz from "../src/locales/uz.json";

const app: AppTranslations = {
  namespace: "demo",
  uz: { hello: "Salom", onlyUz: "Faqat oʻzbekcha" },
  load: async (language): Promise<Translations> =>
    language === "ru" ? { hello: "Привет" } : { hello: "Hello", onlyUz: "English too" },
};

function keys(tree: Translations, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [prefix + key] : keys(value, `${prefix}${key}.`),
  );
}

function strings(tree: Translations): string[] {
  return Object.values(tree).flatMap((v) => (typeof v === "string" ? [v] : strings(v)));
}

beforeEach(() => localStorage.clear());

describe("setupI18n", () => {
  it("starts in Uzbek when nothing is remembered", async () => {
    const i18n = await setupI18n(app);
    expect(i18n.language).toBe("uz");
    expect(i18n.t("hello")).toBe("Salom");
    expect(i18n.t("common:actions.save")).toBe("Saqlash");
    expect(document.documentElement.lang).toBe("uz");
  });

  it("ignores a remembered value that is not a language", async () => {
    localStorage.setItem(STORAGE_KEY, "de");
    expect(storedLanguage()).toBe("uz");
    expect((await setupI18n(app)).language).toBe("uz");
  });

  it("loads and remembers another language, and falls back to Uzbek for a missing key", async () => {
    const i18n = await setupI18n(app);
    await changeLanguage(i18n, "ru");
    expect(i18n.t("hello")).toBe("Привет");
    expect(i18n.t("onlyUz")).toBe("Faqat oʻzbekcha");
    expect(i18n.t("actions.save")).toBe("Сохранить"); // common is the fallback namespace
    expect(localStorage.getItem(STORAGE_KEY)).toBe("ru");
    expect(document.documentElement.lang).toBe("ru");

    const again = await setupI18n(app);
    expect(again.language).toBe("ru");
  });
});

describe("errorMessage", () => {
  it("translates by code, and says something kind for an unknown one", async () => {
    const i18n = await setupI18n(app);
    expect(errorMessage(i18n.t, { code: "invalid_credentials" })).toBe(
      "Login yoki parol notoʻgʻri.",
    );
    expect(errorMessage(i18n.t, { code: "no_such_code" })).toBe(uz.errors.unknown);
    expect(errorMessage(i18n.t, new Error("boom"))).toBe(uz.errors.unknown);
  });

  it("tells how long to wait when the server says so", async () => {
    const i18n = await setupI18n(app);
    const message = errorMessage(i18n.t, { code: "pin_locked", retryAfter: 600 });
    expect(message).toContain(uz.errors.pin_locked);
    expect(message).toContain("10 daqiqadan");
  });
});

describe("the common translations", () => {
  it("have the same keys in every language", () => {
    expect(keys(ru).sort()).toEqual(keys(uz).sort());
    expect(keys(en).sort()).toEqual(keys(uz).sort());
  });

  it("write Uzbek with the right apostrophes (oʻ, gʻ and the tutuq)", () => {
    for (const text of strings(uz)) expect(text).toBe(normalizeUzbek(text));
  });
});

describe("error codes of the services with a web app", () => {
  // The services whose web apps exist (the catalogue's `web`): every code they answer with has a text.
  const errorsOf = (service: string): string[] =>
    Object.keys(
      JSON.parse(
        readFileSync(join(import.meta.dirname, `../../api/openapi/${service}.errors.json`), "utf8"),
      ),
    );
  const withApps = Object.entries(catalog).filter(([, service]) => service.web);
  const codes = [...new Set(withApps.flatMap(([name]) => errorsOf(name)))];
  it("cover main and games at least", () => {
    expect(withApps.map(([name]) => name)).toEqual(expect.arrayContaining(["main", "games"]));
  });
  it.each(codes)("%s is translated in every language", (code) => {
    for (const language of [uz, ru, en]) {
      expect(language.errors).toHaveProperty(code);
    }
  });
});
