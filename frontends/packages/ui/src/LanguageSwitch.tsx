import { changeLanguage, LANGUAGES, type Language, useTranslation } from "@alif/i18n";
import { cx } from "./cx.ts";

const SHORT: Record<Language, string> = { uz: "UZ", ru: "RU", en: "EN" };

/** Three buttons (UZ · RU · EN); the choice is remembered on this device. */
export function LanguageSwitch(props: { onChange?(language: Language): void; className?: string }) {
  const { t, i18n } = useTranslation("common");
  return (
    <fieldset className={cx("flex rounded-xl bg-slate-100 p-1", props.className)}>
      <legend className="sr-only">{t("language.label")}</legend>
      {LANGUAGES.map((language) => {
        const active = i18n.language === language;
        return (
          <button
            key={language}
            type="button"
            lang={language}
            aria-pressed={active}
            // The name starts with what is seen ("UZ"), so that voice control finds the button.
            aria-label={`${SHORT[language]} ${t(`language.${language}`)}`}
            onClick={async () => {
              await changeLanguage(i18n, language);
              props.onChange?.(language);
            }}
            className={cx(
              "min-h-11 min-w-11 rounded-lg px-1.5 font-extrabold text-sm transition-colors",
              active ? "bg-white text-brand-800 shadow-sm" : "text-muted hover:text-ink",
            )}
          >
            {SHORT[language]}
          </button>
        );
      })}
    </fieldset>
  );
}
