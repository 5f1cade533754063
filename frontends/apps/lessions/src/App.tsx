import { AppLayout } from "@alif/app/layout";
import { RequireRole, RequireSignIn } from "@alif/auth/guard";
import { Loading } from "@alif/ui";
import { lazy, Suspense } from "react";
import { Route, Routes } from "react-router";
import { TEACHERS } from "./lib/roles.ts";

// The data cache and each page load with the first signed-in screen, not with the shell; the
// authoring screens never load on a child's phone.
const SignedInArea = lazy(() => import("@alif/auth/signed-in-area"));
const Home = lazy(() => import("./pages/Home.tsx"));
const Catalogue = lazy(() => import("./pages/Catalogue.tsx"));
const Course = lazy(() => import("./pages/Course.tsx"));
const Lesson = lazy(() => import("./pages/Lesson.tsx"));
const Children = lazy(() => import("./pages/Children.tsx"));
const MyCourses = lazy(() => import("./pages/teacher/MyCourses.tsx"));
const CourseEditor = lazy(() => import("./pages/teacher/CourseEditor.tsx"));
const LessonEditor = lazy(() => import("./pages/teacher/LessonEditor.tsx"));
const ClassProgress = lazy(() => import("./pages/teacher/ClassProgress.tsx"));
const NotFound = lazy(() => import("@alif/app/not-found"));

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route element={<AppLayout icon="📚" />}>
          <Route element={<RequireSignIn loginPath="/login/child" />}>
            <Route element={<SignedInArea />}>
              <Route index element={<Home />} />
              <Route path="catalogue" element={<Catalogue />} />
              <Route path="courses/:courseId" element={<Course />} />
              <Route path="lessons/:lessonId" element={<Lesson />} />
              <Route element={<RequireRole roles={["parent"]} fallback="/" />}>
                <Route path="children" element={<Children />} />
              </Route>
              <Route element={<RequireRole roles={[...TEACHERS]} fallback="/" />}>
                <Route path="teach" element={<MyCourses />} />
                <Route path="teach/new" element={<CourseEditor />} />
                <Route path="teach/courses/:courseId" element={<CourseEditor />} />
                <Route path="teach/courses/:courseId/lessons/new" element={<LessonEditor />} />
                <Route path="teach/courses/:courseId/progress" element={<ClassProgress />} />
                <Route path="teach/lessons/:lessonId" element={<LessonEditor />} />
              </Route>
            </Route>
          </Route>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
