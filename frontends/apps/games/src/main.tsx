import { mountApp } from "@alif/app";
import { App } from "./App.tsx";
import { gamesTranslations } from "./i18n.ts";
import { applyMotion, loadPreferences } from "./lib/preferences.tsx";
import "./index.css";

applyMotion(loadPreferences());
void mountApp(App, gamesTranslations);
