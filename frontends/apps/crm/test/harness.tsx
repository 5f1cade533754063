import { appRenderer } from "@alif/testing";
import { App } from "../src/App.tsx";
import { appTranslations } from "../src/i18n.ts";

export * from "@alif/testing";

export const renderApp = appRenderer(App, appTranslations);
