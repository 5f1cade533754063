import SignedInArea from "@alif/auth/signed-in-area";
import type { AppTranslations } from "@alif/i18n";
import { appRenderer, type FakeApi } from "@alif/testing";
import type { ReactNode } from "react";
import { Route, Routes } from "react-router";

export const demoTranslations: AppTranslations = {
  namespace: "demo",
  uz: { hello: "Salom" },
  load: async () => ({ hello: "Hello" }),
};

let page: ReactNode = null;

function App() {
  return (
    <Routes>
      <Route element={<SignedInArea />}>
        <Route path="*" element={page} />
      </Route>
    </Routes>
  );
}

const render = appRenderer(App, demoTranslations);

/** `node` on a signed-in page of an app, as every app renders it. */
export function renderInApp(node: ReactNode, api: FakeApi, route = "/") {
  page = node;
  return render(route, api);
}
