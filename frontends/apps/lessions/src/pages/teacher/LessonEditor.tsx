import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import { Alert, Button, buttonClass, Card, linkClass, Page, QueryState, useToast } from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { LessonFiles } from "../../components/LessonFiles.tsx";
import { LessonForm } from "../../components/LessonForm.tsx";
import { keys, type LessonFields, type LessonSource, sourceQuery } from "../../lib/queries.ts";

function Publish(props: { lesson: LessonSource }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const toast = useToast();
  const { lesson } = props;
  const publish = useMutation({
    mutationFn: () =>
      call(
        api.lessions.POST("/api/lessions/lessons/{lesson_id}/publish", {
          params: { path: { lesson_id: lesson.id } },
        }),
      ),
    onSuccess: () => {
      toast.show(t("editor.lessonPublished"));
      void client.invalidateQueries({ queryKey: keys.all });
    },
  });
  return (
    <Card className="flex flex-col gap-3">
      <p className="font-bold text-lg">
        {lesson.published
          ? t("editor.lessonLive", { version: lesson.version })
          : t("editor.lessonDraft")}
      </p>
      <div className="flex flex-wrap gap-3">
        {lesson.published ? null : (
          <Button size="lg" onClick={() => publish.mutate()} loading={publish.isPending}>
            🚀 {t("editor.publishLesson")}
          </Button>
        )}
        <Link to={`/lessons/${lesson.id}`} className={buttonClass("secondary", "lg")}>
          👀 {t("editor.preview")}
        </Link>
      </div>
      {publish.error ? <Alert tone="error">{errorMessage(t, publish.error)}</Alert> : null}
    </Card>
  );
}

/** A new lesson in a module (`?module=`), or one of mine as I wrote it. */
export default function LessonEditor() {
  const { t } = useTranslation();
  const { lessonId, courseId } = useParams();
  const [params] = useSearchParams();
  const { api } = useAuth();
  const client = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const source = useQuery({ ...sourceQuery(api, lessonId ?? ""), enabled: Boolean(lessonId) });
  const save = useMutation({
    mutationFn: (fields: LessonFields) =>
      lessonId
        ? call(
            api.lessions.PUT("/api/lessions/lessons/{lesson_id}", {
              params: { path: { lesson_id: lessonId } },
              body: fields,
            }),
          )
        : call(
            api.lessions.POST("/api/lessions/courses/{course_id}/lessons", {
              params: { path: { course_id: courseId ?? "" } },
              body: { ...fields, module_id: params.get("module") ?? "" },
            }),
          ),
    onSuccess: (saved) => {
      toast.show(t("form.saved"));
      void client.invalidateQueries({ queryKey: keys.all });
      if (!lessonId) navigate(`/teach/lessons/${saved.id}`, { replace: true });
    },
  });
  const back = (to: string) => (
    <Link to={`/teach/courses/${to}`} className={linkClass()}>
      ← {t("editor.toCourse")}
    </Link>
  );
  if (!lessonId) {
    return (
      <Page title={t("editor.newLesson")} back={back(courseId ?? "")}>
        <LessonForm onSave={(f) => save.mutate(f)} saving={save.isPending} error={save.error} />
      </Page>
    );
  }
  return (
    <QueryState query={source}>
      {(lesson) => (
        <Page title={lesson.title} back={back(lesson.course_id)}>
          <Publish lesson={lesson} />
          <LessonForm
            key={`${lesson.id}-${lesson.version}`}
            lesson={lesson}
            onSave={(f) => save.mutate(f)}
            saving={save.isPending}
            error={save.error}
          />
          <LessonFiles lessonId={lesson.id} />
        </Page>
      )}
    </QueryState>
  );
}
