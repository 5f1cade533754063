import { useMe } from "@alif/auth";
import { lazy } from "react";
import { isTeacher } from "../lib/roles.ts";

const Catalogue = lazy(() => import("./Catalogue.tsx"));
const Children = lazy(() => import("./Children.tsx"));
const MyCourses = lazy(() => import("./teacher/MyCourses.tsx"));

/** Each role's start: a child's catalogue, a parent's children, an author's courses. */
export default function Home() {
  const me = useMe();
  if (me.user.role === "parent") return <Children />;
  if (isTeacher(me.user.role)) return <MyCourses />;
  return <Catalogue />;
}
