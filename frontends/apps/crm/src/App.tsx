import { AppLayout } from "@alif/app/layout";
import { RequireSignIn } from "@alif/auth/guard";
import { Loading } from "@alif/ui";
import { lazy, Suspense } from "react";
import { Route, Routes } from "react-router";

// The data cache and each screen load with the first signed-in page, not with the shell; the
// board's drag library and the table library load only with the screens that use them.
const SignedInArea = lazy(() => import("@alif/auth/signed-in-area"));
const Offices = lazy(() => import("./pages/Offices.tsx"));
const OfficeLayout = lazy(() => import("./components/OfficeLayout.tsx"));
const Leads = lazy(() => import("./pages/Leads.tsx"));
const LeadPage = lazy(() => import("./pages/LeadPage.tsx"));
const Students = lazy(() => import("./pages/Students.tsx"));
const StudentPage = lazy(() => import("./pages/StudentPage.tsx"));
const Groups = lazy(() => import("./pages/Groups.tsx"));
const GroupPage = lazy(() => import("./pages/GroupPage.tsx"));
const Rooms = lazy(() => import("./pages/Rooms.tsx"));
const StaffPage = lazy(() => import("./pages/Staff.tsx"));
const Lessons = lazy(() => import("./pages/Lessons.tsx"));
const LessonPage = lazy(() => import("./pages/LessonPage.tsx"));
const Debtors = lazy(() => import("./pages/Debtors.tsx"));
const SmsConfirm = lazy(() => import("./pages/SmsConfirm.tsx"));
const Dashboard = lazy(() => import("./pages/Dashboard.tsx"));
const Files = lazy(() => import("./pages/Files.tsx"));
const Money = lazy(() => import("./pages/Money.tsx"));
const NotFound = lazy(() => import("@alif/app/not-found"));

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route element={<AppLayout icon="🏫" />}>
          <Route element={<RequireSignIn />}>
            <Route element={<SignedInArea />}>
              <Route index element={<Offices />} />
              <Route path="o/:orgId" element={<OfficeLayout />}>
                <Route path="leads" element={<Leads />} />
                <Route path="leads/:leadId" element={<LeadPage />} />
                <Route path="students" element={<Students />} />
                <Route path="students/:studentId" element={<StudentPage />} />
                <Route path="groups" element={<Groups />} />
                <Route path="groups/:groupId" element={<GroupPage />} />
                <Route path="rooms" element={<Rooms />} />
                <Route path="staff" element={<StaffPage />} />
                <Route path="lessons" element={<Lessons />} />
                <Route path="lessons/:lessonId" element={<LessonPage />} />
                <Route path="debtors" element={<Debtors />} />
                <Route path="sms/:batchId" element={<SmsConfirm />} />
                <Route path="dashboard" element={<Dashboard />} />
                <Route path="files" element={<Files />} />
                <Route path="money" element={<Money />} />
              </Route>
            </Route>
          </Route>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
