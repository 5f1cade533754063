import { type I18n, I18nextProvider, setupI18n } from "@alif/i18n";
import { appRenderer } from "@alif/testing";
import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { App } from "../src/App.tsx";
import { appTranslations } from "../src/i18n.ts";

export * from "@alif/testing";

export const renderApp = appRenderer(App, appTranslations);

let texts: I18n | null = null;

/** One component with the app's texts (Uzbek), for the block players and the forms. */
export async function renderWithTexts(ui: ReactNode) {
  texts ??= await setupI18n(appTranslations, { language: "uz" });
  return render(<I18nextProvider i18n={texts}>{ui}</I18nextProvider>);
}
