import { I18nextProvider, setupI18n } from "@alif/i18n";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";

export async function renderWithI18n(ui: ReactElement) {
  const i18n = await setupI18n({ namespace: "test", uz: {}, load: async () => ({}) });
  return render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>);
}
