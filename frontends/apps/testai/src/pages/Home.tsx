import { appOrigin, useMe } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { EmptyState, Loading, linkClass } from "@alif/ui";
import { lazy, Suspense } from "react";
import { TEACHERS } from "../lib/roles.ts";

const MyTests = lazy(() => import("./student/MyTests.tsx"));
const Tests = lazy(() => import("./teacher/Tests.tsx"));

/** Students see their tests; teachers their test list; anyone else is pointed back to main. */
export default function Home() {
  const { t } = useTranslation();
  const me = useMe();
  const role = me.user.role;
  return (
    <Suspense fallback={<Loading />}>
      {role === "student" ? (
        <MyTests />
      ) : (TEACHERS as readonly string[]).includes(role) ? (
        <Tests />
      ) : (
        <EmptyState icon="📝" title={t("home.notForYou")}>
          <a className={linkClass()} href={`${appOrigin("main")}/home`}>
            {t("home.toMain")}
          </a>
        </EmptyState>
      )}
    </Suspense>
  );
}
