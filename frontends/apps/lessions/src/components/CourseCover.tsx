import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import { Alert, Button, Card, CardTitle } from "@alif/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type Course, type CourseDetail, keys } from "../lib/queries.ts";
import { uploadWithProgress } from "../lib/upload.ts";
import { coverSources } from "./CourseCard.tsx";
import { FilePicker } from "./UploadButton.tsx";

/** The course's cover picture: uploaded (the server makes smaller copies) or taken away. An
 * https address may still be given in the course's fields instead. */
export function CourseCover(props: { course: CourseDetail }) {
  const { t } = useTranslation();
  const { api, session } = useAuth();
  const client = useQueryClient();
  const { course } = props;
  const changed = (saved: Course) => {
    client.setQueryData<CourseDetail>(keys.course(course.id), (old) =>
      old ? { ...old, ...saved } : old,
    );
    void client.invalidateQueries({ queryKey: keys.all });
  };
  const remove = useMutation({
    mutationFn: () =>
      call(
        api.lessions.DELETE("/api/lessions/uploads/courses/{course_id}/cover", {
          params: { path: { course_id: course.id } },
        }),
      ),
    onSuccess: changed,
  });
  const cover = coverSources(course);
  return (
    <Card className="flex flex-col gap-3">
      <CardTitle>{t("cover.heading")}</CardTitle>
      {cover ? (
        <img
          {...cover}
          sizes="(min-width: 640px) 480px, 100vw"
          alt={t("cover.current")}
          className="aspect-video w-full max-w-md rounded-2xl object-cover"
        />
      ) : (
        <p className="text-muted">{t("cover.none")}</p>
      )}
      <div className="flex flex-wrap items-start gap-3">
        <FilePicker<Course>
          label={t("cover.upload")}
          accept="image/png,image/jpeg,image/gif,image/webp"
          send={(file, onProgress) => {
            const form = new FormData();
            form.set("file", file);
            return uploadWithProgress<Course>(
              session,
              `/api/lessions/uploads/courses/${course.id}/cover`,
              form,
              onProgress,
              undefined,
              "PUT",
            );
          }}
          onDone={changed}
        />
        {cover ? (
          <Button variant="ghost" onClick={() => remove.mutate()} loading={remove.isPending}>
            {t("cover.remove")}
          </Button>
        ) : null}
      </div>
      {remove.error ? <Alert tone="error">{errorMessage(t, remove.error)}</Alert> : null}
    </Card>
  );
}
