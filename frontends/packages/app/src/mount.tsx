import { type Api, createApi } from "@alif/api";
import { AuthProvider, Session } from "@alif/auth";
import { type AppTranslations, type I18n, I18nextProvider, setupI18n } from "@alif/i18n";
import { ErrorBoundary, ToastProvider } from "@alif/ui";
import { type ComponentType, type ReactNode, StrictMode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { BrowserRouter } from "react-router";

/**
 * The providers every app's pages run in: its texts, a last-resort error message, toasts and the
 * session. The router is the caller's (a browser router in the app, a memory router in tests).
 * The data cache is not here: it loads with the first signed-in page (`@alif/auth/signed-in-area`),
 * so a landing page does not download it.
 */
export function AppProviders(props: {
  i18n: I18n;
  session: Session;
  api: Api;
  children: ReactNode;
}) {
  return (
    <I18nextProvider i18n={props.i18n}>
      <ErrorBoundary>
        <ToastProvider>
          <AuthProvider session={props.session} api={props.api}>
            {props.children}
          </AuthProvider>
        </ToastProvider>
      </ErrorBoundary>
    </I18nextProvider>
  );
}

export interface MountOptions {
  /** Where to render; the page's `#root` by default. */
  element?: HTMLElement | null;
  /** This tab's session (a new one by default: the access token lives in memory only). */
  session?: Session;
}

/**
 * Starts an app: loads its texts in the remembered language, creates this tab's session and the
 * typed clients that go through it, and renders `App` in a browser router inside `AppProviders`.
 */
export async function mountApp(
  App: ComponentType,
  translations: AppTranslations,
  options: MountOptions = {},
): Promise<Root> {
  const element = options.element === undefined ? document.getElementById("root") : options.element;
  if (!element) throw new Error("the page has no element to mount the app in (#root)");
  const session = options.session ?? new Session();
  const api = createApi({ fetch: session.fetch });
  const i18n = await setupI18n(translations);
  const root = createRoot(element);
  root.render(
    <StrictMode>
      <AppProviders i18n={i18n} session={session} api={api}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </AppProviders>
    </StrictMode>,
  );
  return root;
}
