import { RequireSignIn } from "@alif/auth/guard";
import { Loading } from "@alif/ui";
import { lazy, Suspense } from "react";
import { Route, Routes } from "react-router";
import { Layout } from "./components/Layout.tsx";

// The picker comes with the first signed-in screen; each game and list is its own chunk.
// The data cache loads with the first signed-in page, not with the landing page.
const SignedInArea = lazy(() => import("@alif/auth/signed-in-area"));
const Picker = lazy(() => import("./pages/Picker.tsx"));
const Play2048 = lazy(() => import("./pages/Play2048.tsx"));
const PlayTetris = lazy(() => import("./pages/PlayTetris.tsx"));
const Leaderboards = lazy(() => import("./pages/Leaderboards.tsx"));
const MyScores = lazy(() => import("./pages/MyScores.tsx"));
const NotFound = lazy(() => import("@alif/app/not-found"));

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route element={<Layout />}>
          <Route element={<RequireSignIn loginPath="/login/child" />}>
            <Route element={<SignedInArea />}>
              <Route index element={<Picker />} />
              <Route path="play/2048" element={<Play2048 />} />
              <Route path="play/tetris" element={<PlayTetris />} />
              <Route path="leaderboards" element={<Leaderboards />} />
              <Route path="me" element={<MyScores />} />
            </Route>
          </Route>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
