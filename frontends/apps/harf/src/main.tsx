import { mountApp } from "@alif/app";
import { applyMotion, loadPreferences } from "@alif/app/preferences";
import { App } from "./App.tsx";
import { appTranslations } from "./i18n.ts";
import "./index.css";

applyMotion(loadPreferences());
void mountApp(App, appTranslations);
