import { AppLayout } from "@alif/app/layout";
import { RequireRole, RequireSignIn } from "@alif/auth/guard";
import { Loading } from "@alif/ui";
import { lazy, Suspense } from "react";
import { Route, Routes } from "react-router";
import { TEACHERS } from "./lib/roles.ts";

// The data cache and each page load with the first signed-in screen, not with the shell; the
// teachers' screens (the editor, import, results) never load on a student's phone.
const SignedInArea = lazy(() => import("@alif/auth/signed-in-area"));
const Home = lazy(() => import("./pages/Home.tsx"));
const Take = lazy(() => import("./pages/student/Take.tsx"));
const NewTest = lazy(() => import("./pages/teacher/NewTest.tsx"));
const TestEditor = lazy(() => import("./pages/teacher/TestEditor.tsx"));
const Import = lazy(() => import("./pages/teacher/Import.tsx"));
const Generate = lazy(() => import("./pages/teacher/Generate.tsx"));
const Results = lazy(() => import("./pages/teacher/Results.tsx"));
// The live game: the phone's page is open to nickname players too; the host's is a teacher's.
const Play = lazy(() => import("./pages/live/Play.tsx"));
const Host = lazy(() => import("./pages/live/Host.tsx"));
const NotFound = lazy(() => import("@alif/app/not-found"));

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route element={<AppLayout icon="⭐" />}>
          <Route element={<RequireSignIn />}>
            <Route element={<SignedInArea />}>
              <Route index element={<Home />} />
              <Route element={<RequireRole roles={["student"]} fallback="/" />}>
                <Route path="attempts/:attemptId" element={<Take />} />
              </Route>
              <Route element={<RequireRole roles={[...TEACHERS]} fallback="/" />}>
                <Route path="tests/new" element={<NewTest />} />
                <Route path="tests/:testId" element={<TestEditor />} />
                <Route path="tests/:testId/import" element={<Import />} />
                <Route path="tests/:testId/generate" element={<Generate />} />
                <Route path="tests/:testId/results" element={<Results />} />
                <Route path="tests/:testId/live" element={<Host />} />
              </Route>
            </Route>
          </Route>
          <Route path="live" element={<Play />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
