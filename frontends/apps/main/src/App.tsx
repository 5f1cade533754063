import { RequireRole, RequireSignIn } from "@alif/auth/guard";
import { Loading } from "@alif/ui";
import { lazy, Suspense } from "react";
import { Route, Routes } from "react-router";
import { Layout } from "./components/Layout.tsx";
import { Landing } from "./pages/Landing.tsx";

// Every page but the landing one is its own chunk: a phone downloads only what it shows.
const Login = lazy(() => import("./pages/Login.tsx"));
const ChildLogin = lazy(() => import("./pages/ChildLogin.tsx"));
const Register = lazy(() => import("./pages/Register.tsx"));
const ForgotPassword = lazy(() => import("./pages/ForgotPassword.tsx"));
// The data cache loads with the first signed-in page, not with the landing page.
const SignedInArea = lazy(() => import("@alif/auth/signed-in-area"));
const Home = lazy(() => import("./pages/Home.tsx"));
const AddChild = lazy(() => import("./pages/AddChild.tsx"));
const ChildDetail = lazy(() => import("./pages/ChildDetail.tsx"));
const Settings = lazy(() => import("./pages/Settings.tsx"));
const Notifications = lazy(() => import("./pages/Notifications.tsx"));
const WeeklyReport = lazy(() => import("./pages/WeeklyReport.tsx"));
const Wallet = lazy(() => import("./pages/Wallet.tsx"));
const ChildCoins = lazy(() => import("./pages/ChildCoins.tsx"));
const Shop = lazy(() => import("./pages/Shop.tsx"));
const MyClasses = lazy(() => import("./pages/MyClasses.tsx"));
const Groups = lazy(() => import("./pages/Groups.tsx"));
const GroupDetail = lazy(() => import("./pages/GroupDetail.tsx"));
const Subscription = lazy(() => import("./pages/Subscription.tsx"));
const PaymentReturn = lazy(() => import("./pages/PaymentReturn.tsx"));
// A centre's tuition link: paid without signing in (the link is the permission).
const TuitionPay = lazy(() => import("./pages/TuitionPay.tsx"));
const NotFound = lazy(() => import("@alif/app/not-found"));

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<Landing />} />
          <Route path="login" element={<Login />} />
          <Route path="login/child" element={<ChildLogin />} />
          <Route path="register" element={<Register />} />
          <Route path="forgot" element={<ForgotPassword />} />
          <Route path="pay/:linkId" element={<TuitionPay />} />
          <Route element={<RequireSignIn onMain />}>
            <Route element={<SignedInArea />}>
              <Route path="home" element={<Home />} />
              <Route path="settings" element={<Settings />} />
              <Route path="notifications" element={<Notifications />} />
              <Route path="wallet" element={<Wallet />} />
              <Route element={<RequireRole roles={["parent"]} />}>
                <Route path="children/new" element={<AddChild />} />
                <Route path="children/:childId" element={<ChildDetail />} />
                <Route path="children/:childId/coins" element={<ChildCoins />} />
                <Route path="reports/weekly" element={<WeeklyReport />} />
              </Route>
              <Route element={<RequireRole roles={["student"]} />}>
                <Route path="shop" element={<Shop />} />
                <Route path="classes" element={<MyClasses />} />
              </Route>
              <Route element={<RequireRole roles={["teacher", "organization"]} />}>
                <Route path="groups" element={<Groups />} />
                <Route path="groups/:groupId" element={<GroupDetail />} />
              </Route>
              <Route element={<RequireRole roles={["parent", "organization"]} />}>
                <Route path="subscription" element={<Subscription />} />
                <Route path="payments/return" element={<PaymentReturn />} />
              </Route>
            </Route>
          </Route>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
