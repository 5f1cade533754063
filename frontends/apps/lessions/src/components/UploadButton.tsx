import { useAuth } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import { Alert, buttonClass, cx } from "@alif/ui";
import { useQueryClient } from "@tanstack/react-query";
import { type ChangeEvent, useId, useState } from "react";
import { keys, type MediaKind, type Upload } from "../lib/queries.ts";
import { uploadWithProgress } from "../lib/upload.ts";

const ACCEPT: Record<MediaKind, string | undefined> = {
  image: "image/*",
  video: "video/*",
  audio: "audio/*",
  file: undefined,
};

/** A button that picks one file and sends it with `send`, showing its progress and the API's
 * error; the server checks the file's type and size. */
export function FilePicker<T>(props: {
  label: string;
  accept?: string;
  send(file: File, onProgress: (share: number) => void): Promise<T>;
  onDone(answer: T): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [share, setShare] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setError(null);
    setShare(0);
    try {
      props.onDone(await props.send(file, setShare));
    } catch (failed) {
      setError(failed);
    } finally {
      setShare(null);
    }
  };

  const busy = share !== null;
  return (
    <div className="flex flex-col gap-2">
      <label
        htmlFor={id}
        className={cx(buttonClass("secondary"), "cursor-pointer self-start", busy && "opacity-60")}
      >
        <span aria-hidden="true">📤</span> {props.label}
      </label>
      <input
        id={id}
        type="file"
        accept={props.accept}
        className="sr-only"
        disabled={busy}
        onChange={(e) => void choose(e)}
      />
      {busy ? (
        <div className="flex items-center gap-3">
          <div
            role="progressbar"
            aria-label={t("upload.progress")}
            aria-valuenow={Math.round(share * 100)}
            aria-valuemin={0}
            aria-valuemax={100}
            className="h-3 flex-1 overflow-hidden rounded-full bg-slate-200"
          >
            <div
              className="h-full rounded-full bg-brand-600 transition-[width]"
              style={{ width: `${Math.round(share * 100)}%` }}
            />
          </div>
          <span className="w-12 text-right font-bold">{Math.round(share * 100)}%</span>
        </div>
      ) : null}
      {error ? <Alert tone="error">{errorMessage(t, error)}</Alert> : null}
    </div>
  );
}

/** Uploads one file of a kind to the lesson, with a progress bar. A lesson not saved yet has
 * nowhere to keep files: it says so. */
export function UploadButton(props: {
  lessonId: string | undefined;
  kind: MediaKind;
  label: string;
  onUploaded(upload: Upload): void;
}) {
  const { t } = useTranslation();
  const { session } = useAuth();
  const client = useQueryClient();
  if (!props.lessonId) return <p className="text-muted">{t("upload.saveFirst")}</p>;
  const lessonId = props.lessonId;
  return (
    <FilePicker<Upload>
      label={props.label}
      accept={ACCEPT[props.kind]}
      send={(file, onProgress) => {
        const form = new FormData();
        form.set("kind", props.kind);
        form.set("file", file);
        return uploadWithProgress<Upload>(
          session,
          `/api/lessions/uploads/lessons/${lessonId}`,
          form,
          onProgress,
        );
      }}
      onDone={(upload) => {
        void client.invalidateQueries({ queryKey: keys.uploads(lessonId) });
        props.onUploaded(upload);
      }}
    />
  );
}
