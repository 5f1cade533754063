import { AppLayout } from "@alif/app/layout";
import { RequireSignIn } from "@alif/auth/guard";
import { Loading } from "@alif/ui";
import { lazy, Suspense } from "react";
import { Route, Routes } from "react-router";

// The data cache and each page load with the first signed-in screen, not with the shell.
const SignedInArea = lazy(() => import("@alif/auth/signed-in-area"));
const Items = lazy(() => import("./pages/Items.tsx"));
const NotFound = lazy(() => import("@alif/app/not-found"));

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route element={<AppLayout icon="⭐" />}>
          <Route element={<RequireSignIn />}>
            <Route element={<SignedInArea />}>
              <Route index element={<Items />} />
            </Route>
          </Route>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
