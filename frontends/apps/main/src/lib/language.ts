import { call } from "@alif/api";
import type { AuthContextValue } from "@alif/auth";
import type { Language } from "@alif/i18n";

/** A signed-in user's language choice goes to the account too (messages, other devices). */
export async function saveLanguage(auth: AuthContextValue, language: Language): Promise<void> {
  if (auth.state.status !== "signedIn" || auth.state.me.user.language === language) return;
  try {
    await call(auth.api.main.PATCH("/api/main/me", { body: { language } }));
    await auth.reload();
  } catch {
    // The page has switched already; the account keeps its old language until the next change.
  }
}
