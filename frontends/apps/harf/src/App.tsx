import { RequireSignIn } from "@alif/auth/guard";
import { Loading } from "@alif/ui";
import { lazy, Suspense } from "react";
import { Route, Routes } from "react-router";
import { Layout } from "./components/Layout.tsx";

// The data cache and each page load with the first signed-in screen, not with the shell.
const SignedInArea = lazy(() => import("@alif/auth/signed-in-area"));
const Alphabets = lazy(() => import("./pages/Alphabets.tsx"));
const Letters = lazy(() => import("./pages/Letters.tsx"));
const LetterPage = lazy(() => import("./pages/LetterPage.tsx"));
const Practise = lazy(() => import("./pages/Practise.tsx"));
const NotFound = lazy(() => import("@alif/app/not-found"));

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route element={<Layout />}>
          <Route element={<RequireSignIn loginPath="/login/child" />}>
            <Route element={<SignedInArea />}>
              <Route index element={<Alphabets />} />
              <Route path=":code" element={<Letters />} />
              <Route path=":code/practise" element={<Practise />} />
              <Route path=":code/:number" element={<LetterPage />} />
            </Route>
          </Route>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
