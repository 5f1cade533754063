import { ApiError } from "@alif/api";
import { describe, expect, it } from "vitest";
import { fieldError, formError } from "../src/forms.ts";
import { type AppTranslations, setupI18n } from "../src/index.ts";

const app: AppTranslations = {
  namespace: "demo",
  uz: { fields: { name: "Nomini yozing." } },
  load: async () => ({}),
};

const invalid = (...fields: string[]) =>
  new ApiError(422, "validation_error", "Invalid", {
    fields: fields.map((field) => ({ field, message: "English", type: "x" })),
  });

describe("fieldError", () => {
  it("gives the app's text for a field the server refused", async () => {
    const { t } = await setupI18n(app);
    expect(fieldError(invalid("body.name"), "name", t)).toBe("Nomini yozing.");
  });

  it("falls back to the shared text, then to a general one", async () => {
    const { t } = await setupI18n(app);
    expect(fieldError(invalid("body.pin"), "pin", t)).toBe("PIN 4–6 ta raqamdan iborat boʻlsin.");
    expect(fieldError(invalid("body.birth_date"), "birth_date", t)).toBe(
      "Bu maydon notoʻgʻri toʻldirilgan.",
    );
  });

  it("says nothing about a field that is fine or another kind of error", async () => {
    const { t } = await setupI18n(app);
    expect(fieldError(invalid("body.name"), "pin", t)).toBeUndefined();
    expect(fieldError(invalid("body.surname"), "name", t)).toBeUndefined();
    expect(fieldError(new ApiError(409, "username_taken", "Taken"), "username", t)).toBeUndefined();
  });
});

describe("formError", () => {
  it("leaves the banner empty when every problem is shown at its field", async () => {
    const { t } = await setupI18n(app);
    expect(formError(invalid("body.name", "body.pin"), t, ["name", "pin"])).toBeNull();
    expect(formError(null, t)).toBeNull();
  });

  it("explains a problem no field shows, and any other error", async () => {
    const { t } = await setupI18n(app);
    expect(formError(invalid("body.name", "body.extra"), t, ["name"])).toBe(
      t("common:errors.validation_error"),
    );
    expect(formError(new ApiError(0, "network_error", "offline"), t)).toBe(
      t("common:errors.network_error"),
    );
  });
});
