import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, formatNumber, useTranslation } from "@alif/i18n";
import { Alert, Button, Card, CardTitle } from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { keys, type MediaKind, uploadsQuery } from "../lib/queries.ts";

const ICONS: Record<MediaKind, string> = { image: "🖼️", video: "🎬", audio: "🔊", file: "📄" };

/** The files uploaded to the lesson, each deletable once the lesson no longer shows it (the
 * server refuses with `upload_in_use` otherwise). The story pages' voice is the server's own. */
export function LessonFiles(props: { lessonId: string }) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const uploads = useQuery(uploadsQuery(api, props.lessonId));
  const remove = useMutation({
    mutationFn: (id: string) =>
      call(
        api.lessions.DELETE("/api/lessions/uploads/{upload_id}", {
          params: { path: { upload_id: id } },
        }),
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.uploads(props.lessonId) }),
  });
  // Spoken pages are made by the voice, not uploaded: they go with their story.
  const files = (uploads.data ?? []).filter((u) => !u.spoken);
  if (files.length === 0) return null;
  return (
    <Card className="flex flex-col gap-3">
      <CardTitle>{t("files.heading")}</CardTitle>
      <ul className="flex flex-col gap-2">
        {files.map((file) => (
          <li key={file.id} className="flex flex-wrap items-center gap-3">
            <span aria-hidden="true">{ICONS[file.kind]}</span>
            <a href={file.url} target="_blank" rel="noreferrer" className="font-bold underline">
              {file.name}
            </a>
            <span className="text-muted">
              {t("files.size", { kb: formatNumber(Math.ceil(file.size / 1024), i18n.language) })}
            </span>
            <Button
              variant="ghost"
              onClick={() => remove.mutate(file.id)}
              disabled={remove.isPending}
              aria-label={t("files.delete", { name: file.name })}
            >
              🗑️
            </Button>
          </li>
        ))}
      </ul>
      {remove.error ? <Alert tone="error">{errorMessage(t, remove.error)}</Alert> : null}
    </Card>
  );
}
