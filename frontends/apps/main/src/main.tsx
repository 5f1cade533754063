import { mountApp } from "@alif/app";
import { App } from "./App.tsx";
import { mainTranslations } from "./i18n.ts";
import "./index.css";

void mountApp(App, mainTranslations);
