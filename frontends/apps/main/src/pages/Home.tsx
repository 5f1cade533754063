import { useMe } from "@alif/auth";
import OrganizationHome from "./home/OrganizationHome.tsx";
import ParentHome from "./home/ParentHome.tsx";
import StaffHome from "./home/StaffHome.tsx";
import StudentHome from "./home/StudentHome.tsx";
import TeacherHome from "./home/TeacherHome.tsx";

/** Everyone's own page, by role. */
export default function Home() {
  const me = useMe();
  switch (me.user.role) {
    case "student":
      return <StudentHome />;
    case "parent":
      return <ParentHome />;
    case "teacher":
      return <TeacherHome />;
    case "organization":
      return <OrganizationHome />;
    default:
      return <StaffHome />;
  }
}
