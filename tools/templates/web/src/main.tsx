import { AuthProvider } from "@alif/auth";
import { I18nextProvider, setupI18n } from "@alif/i18n";
import { ToastProvider } from "@alif/ui";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { App } from "./App.tsx";
import { appTranslations } from "./i18n.ts";
import { api, session } from "./lib/api.ts";
import "./index.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");

void setupI18n(appTranslations).then((i18n) => {
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <ToastProvider>
          <AuthProvider session={session} api={api}>
            <BrowserRouter>
              <App />
            </BrowserRouter>
          </AuthProvider>
        </ToastProvider>
      </I18nextProvider>
    </StrictMode>,
  );
});
