import type { AppTranslations } from "@alif/i18n";
import uz from "./locales/uz.json";

export const appTranslations: AppTranslations = {
  namespace: "crm",
  uz,
  load: (language) =>
    language === "ru"
      ? import("./locales/ru.json").then((m) => m.default)
      : import("./locales/en.json").then((m) => m.default),
};
