import { cleanup, render, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type AppTranslations,
  changeLanguage,
  I18nextProvider,
  STORAGE_KEY,
  setupI18n,
  useAccountLanguage,
} from "../src/index.ts";

const app: AppTranslations = {
  namespace: "demo",
  uz: { hello: "Salom" },
  load: async (language) => (language === "ru" ? { hello: "Привет" } : { hello: "Hello" }),
};

function Account(props: { language: string | null }) {
  useAccountLanguage(props.language);
  return null;
}

beforeEach(() => localStorage.clear());
afterEach(cleanup);

describe("the account's language", () => {
  it("is used on a site where nobody chose one, without being remembered as a choice", async () => {
    const i18n = await setupI18n(app);
    render(
      <I18nextProvider i18n={i18n}>
        <Account language="ru" />
      </I18nextProvider>,
    );
    await waitFor(() => expect(i18n.language).toBe("ru"));
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
  });

  it("gives way to a choice made on this site", async () => {
    const i18n = await setupI18n(app);
    await changeLanguage(i18n, "en");
    render(
      <I18nextProvider i18n={i18n}>
        <Account language="ru" />
      </I18nextProvider>,
    );
    await new Promise((done) => setTimeout(done, 50));
    expect(i18n.language).toBe("en");
  });
});
