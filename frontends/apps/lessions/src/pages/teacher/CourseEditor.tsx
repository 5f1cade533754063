import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import {
  Alert,
  Button,
  buttonClass,
  Card,
  CardTitle,
  Field,
  Input,
  linkClass,
  Page,
  QueryState,
  useToast,
} from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { CourseCover } from "../../components/CourseCover.tsx";
import { CourseForm } from "../../components/CourseForm.tsx";
import { type CourseCreate, type CourseDetail, courseQuery, keys } from "../../lib/queries.ts";

function AddModule(props: { courseId: string }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const [title, setTitle] = useState("");
  const add = useMutation({
    mutationFn: () =>
      call(
        api.lessions.POST("/api/lessions/courses/{course_id}/modules", {
          params: { path: { course_id: props.courseId } },
          body: { title: title.trim() },
        }),
      ),
    onSuccess: () => {
      setTitle("");
      void client.invalidateQueries({ queryKey: keys.course(props.courseId) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim()) add.mutate();
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
      <Field label={t("editor.moduleTitle")} className="flex-1">
        <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={160} />
      </Field>
      <Button type="submit" variant="secondary" loading={add.isPending} disabled={!title.trim()}>
        ➕ {t("editor.addModule")}
      </Button>
      {add.error ? <Alert tone="error">{errorMessage(t, add.error)}</Alert> : null}
    </form>
  );
}

function Outline(props: { course: CourseDetail }) {
  const { t } = useTranslation();
  const { course } = props;
  return (
    <Card className="flex flex-col gap-5">
      <CardTitle>{t("editor.outline")}</CardTitle>
      {course.modules.length === 0 ? <p className="text-muted">{t("editor.noModules")}</p> : null}
      {course.modules.map((module) => (
        <section key={module.id} className="flex flex-col gap-2">
          <h3 className="font-extrabold text-lg">{module.title}</h3>
          <ol className="flex flex-col gap-2">
            {course.lessons
              .filter((l) => l.module_id === module.id)
              .map((lesson) => (
                <li key={lesson.id}>
                  <Link
                    to={`/teach/lessons/${lesson.id}`}
                    className="flex min-h-12 items-center gap-3 rounded-xl bg-white px-4 font-bold ring-1 ring-slate-200 hover:ring-4 hover:ring-brand-200"
                  >
                    <span className="flex-1">{lesson.title}</span>
                    <span className={lesson.published ? "text-emerald-800" : "text-amber-800"}>
                      {lesson.published ? t("editor.published") : t("editor.draft")}
                    </span>
                  </Link>
                </li>
              ))}
          </ol>
          <Link
            to={`/teach/courses/${course.id}/lessons/new?module=${module.id}`}
            className={linkClass("self-start")}
          >
            ➕ {t("editor.addLesson")}
          </Link>
        </section>
      ))}
      <AddModule courseId={course.id} />
    </Card>
  );
}

function Status(props: { course: CourseDetail }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const toast = useToast();
  const { course } = props;
  const path = { params: { path: { course_id: course.id } } };
  const change = useMutation({
    mutationFn: (to: "publish" | "archive") =>
      call(
        to === "publish"
          ? api.lessions.POST("/api/lessions/courses/{course_id}/publish", path)
          : api.lessions.POST("/api/lessions/courses/{course_id}/archive", path),
      ),
    onSuccess: (_data, to) => {
      toast.show(to === "publish" ? t("editor.coursePublished") : t("editor.courseArchived"));
      void client.invalidateQueries({ queryKey: keys.all });
    },
  });
  return (
    <Card className="flex flex-col gap-3">
      <p className="font-bold text-lg">
        {t("editor.status")}: {t(`teach.status.${course.status}`)}
      </p>
      <div className="flex flex-wrap gap-3">
        {course.status !== "published" ? (
          <Button size="lg" onClick={() => change.mutate("publish")} loading={change.isPending}>
            🚀 {t("editor.publishCourse")}
          </Button>
        ) : (
          <Link to={`/courses/${course.id}`} className={buttonClass("secondary", "lg")}>
            👀 {t("editor.view")}
          </Link>
        )}
        {course.status === "published" ? (
          <Link
            to={`/teach/courses/${course.id}/progress`}
            className={buttonClass("primary", "lg")}
          >
            📊 {t("editor.progress")}
          </Link>
        ) : null}
        {course.status !== "archived" ? (
          <Button
            variant="ghost"
            onClick={() => change.mutate("archive")}
            disabled={change.isPending}
          >
            {t("editor.archive")}
          </Button>
        ) : null}
      </div>
      {change.error ? <Alert tone="error">{errorMessage(t, change.error)}</Alert> : null}
    </Card>
  );
}

/** A course's fields, its outline (modules and lessons) and its status. */
export default function CourseEditor() {
  const { t } = useTranslation();
  const { courseId } = useParams();
  const { api } = useAuth();
  const client = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const course = useQuery({ ...courseQuery(api, courseId ?? ""), enabled: Boolean(courseId) });
  const save = useMutation({
    mutationFn: (body: CourseCreate) =>
      courseId
        ? call(
            api.lessions.PUT("/api/lessions/courses/{course_id}", {
              params: { path: { course_id: courseId } },
              body: { ...body, group_ids: body.group_ids ?? [] },
            }),
          )
        : call(api.lessions.POST("/api/lessions/courses", { body })),
    onSuccess: (saved) => {
      client.setQueryData(keys.course(saved.id), saved);
      void client.invalidateQueries({ queryKey: keys.authored });
      toast.show(t("form.saved"));
      if (!courseId) navigate(`/teach/courses/${saved.id}`, { replace: true });
    },
  });
  const back = (
    <Link to="/teach" className={linkClass()}>
      ← {t("teach.heading")}
    </Link>
  );
  if (!courseId) {
    return (
      <Page title={t("teach.new")} back={back}>
        <Card>
          <CourseForm onSave={(b) => save.mutate(b)} saving={save.isPending} error={save.error} />
        </Card>
      </Page>
    );
  }
  return (
    <QueryState query={course}>
      {(c) => (
        <Page title={c.title} back={back}>
          <Status course={c} />
          <Outline course={c} />
          <CourseCover course={c} />
          <Card>
            <CardTitle>{t("editor.about")}</CardTitle>
            <CourseForm
              key={`${c.id}-${c.cover_url ?? ""}`}
              course={c}
              onSave={(b) => save.mutate(b)}
              saving={save.isPending}
              error={save.error}
            />
          </Card>
        </Page>
      )}
    </QueryState>
  );
}
