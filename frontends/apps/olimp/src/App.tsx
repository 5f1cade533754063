import { AppLayout } from "@alif/app/layout";
import { RequireRole, RequireSignIn } from "@alif/auth/guard";
import { Loading } from "@alif/ui";
import { lazy, Suspense } from "react";
import { Route, Routes } from "react-router";
import { ORGANIZERS } from "./lib/olympiad.ts";

// The data cache and each page load with the first signed-in screen, not with the shell; the
// organizers' screens never load on a child's phone.
const SignedInArea = lazy(() => import("@alif/auth/signed-in-area"));
const Home = lazy(() => import("./pages/Home.tsx"));
const Olympiad = lazy(() => import("./pages/Olympiad.tsx"));
const Paper = lazy(() => import("./pages/Paper.tsx"));
const BoardPage = lazy(() => import("./pages/BoardPage.tsx"));
const NewOlympiad = lazy(() => import("./pages/NewOlympiad.tsx"));
const Manage = lazy(() => import("./pages/Manage.tsx"));
const Certificate = lazy(() => import("./pages/Certificate.tsx"));
const NotFound = lazy(() => import("@alif/app/not-found"));

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route element={<AppLayout icon="🏆" />}>
          <Route element={<RequireSignIn loginPath="/login/child" />}>
            <Route element={<SignedInArea />}>
              <Route index element={<Home />} />
              <Route path="olympiads/:olympiadId" element={<Olympiad />} />
              <Route path="olympiads/:olympiadId/rounds/:roundId/board" element={<BoardPage />} />
              <Route element={<RequireRole roles={["student"]} fallback="/" />}>
                <Route path="olympiads/:olympiadId/rounds/:roundId/paper" element={<Paper />} />
              </Route>
              <Route element={<RequireRole roles={[...ORGANIZERS]} fallback="/" />}>
                <Route path="new" element={<NewOlympiad />} />
                <Route path="olympiads/:olympiadId/manage" element={<Manage />} />
              </Route>
            </Route>
          </Route>
          {/* Public: a certificate's QR code opens it; the code is the secret (decision 51). */}
          <Route path="certificates/:code" element={<Certificate />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
