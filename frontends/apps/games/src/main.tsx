import { mountApp } from "@alif/app";
import { applyMotion, loadPreferences } from "@alif/app/preferences";
import { App } from "./App.tsx";
import { gamesTranslations } from "./i18n.ts";
import "./index.css";

applyMotion(loadPreferences());
void mountApp(App, gamesTranslations);
