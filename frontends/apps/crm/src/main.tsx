import { mountApp } from "@alif/app";
import { App } from "./App.tsx";
import { appTranslations } from "./i18n.ts";
import "./index.css";

void mountApp(App, appTranslations);
