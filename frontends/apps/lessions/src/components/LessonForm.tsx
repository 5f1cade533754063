import { useAuth } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { fieldError, formError } from "@alif/i18n/forms";
import { Alert, Button, Card, cx, Field, Input, Select, Textarea } from "@alif/ui";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type {
  BlockIn,
  BlockSource,
  CompletionRule,
  LessonFields,
  LessonSource,
  MediaKind,
} from "../lib/queries.ts";
import { uploadsQuery } from "../lib/queries.ts";
import { emptyQuestion, fitQuestion, QuestionEditor } from "./QuestionEditor.tsx";
import { UploadButton } from "./UploadButton.tsx";

export const BLOCK_TYPES = ["text", "image", "video", "audio", "file", "quiz", "story"] as const;
type BlockType = (typeof BLOCK_TYPES)[number];
const RULES: CompletionRule[] = ["opened", "end", "quiz"];
const ICONS: Record<BlockType, string> = {
  text: "📝",
  image: "🖼️",
  video: "🎬",
  audio: "🎧",
  file: "📥",
  quiz: "❓",
  story: "📖",
};

function emptyBlock(type: BlockType): BlockSource {
  switch (type) {
    case "quiz":
      return { type, questions: [emptyQuestion()], pages: [] };
    case "story":
      return { type, title: "", pages: [{ text: "", image_url: null }], questions: [] };
    default:
      return { type, pages: [], questions: [] };
  }
}

const text = (value: string | null | undefined) => (value ?? "").trim();
const optional = (value: string | null | undefined) => text(value) || null;

/** A file of the lesson or an https address: the API takes exactly one of them. */
function source(block: { url?: string | null; upload_id?: string | null }) {
  return block.upload_id ? { upload_id: block.upload_id } : { url: text(block.url) };
}

/** A block as the API takes it: only the fields of its type. */
export function blockIn(block: BlockSource): BlockIn {
  switch (block.type) {
    case "text":
      return { type: "text", markdown: block.markdown ?? "" };
    case "image":
      return { type: "image", ...source(block), caption: text(block.caption) };
    case "video":
      return { type: "video", ...source(block) };
    case "audio":
      return { type: "audio", ...source(block), title: text(block.title) };
    case "file":
      return { type: "file", ...source(block), name: text(block.name) };
    case "quiz":
      return { type: "quiz", questions: block.questions.map(fitQuestion) };
    default:
      return {
        type: "story",
        title: text(block.title),
        ...(block.audio_upload_id
          ? { audio_upload_id: block.audio_upload_id }
          : { audio_url: optional(block.audio_url) }),
        read_aloud: block.read_aloud ?? true,
        pages: block.pages.map((p) => ({
          text: p.text ?? "",
          picture: text(p.picture),
          ...(p.image_upload_id
            ? { image_upload_id: p.image_upload_id }
            : { image_url: optional(p.image_url) }),
          audio_upload_id: p.audio_upload_id ?? null,
        })),
        questions: block.questions.map(fitQuestion),
      };
  }
}

/** An uploaded file's name, and the way back to an address. */
function Uploaded(props: { name: string; onClear(): void }) {
  const { t } = useTranslation();
  return (
    <p className="flex flex-wrap items-center gap-2 rounded-xl bg-emerald-50 px-3 py-2">
      <span aria-hidden="true">📎</span>
      <span className="flex-1 font-bold">{props.name}</span>
      <Button variant="ghost" onClick={props.onClear}>
        {t("upload.useAddress")}
      </Button>
    </p>
  );
}

function BlockEditor(props: {
  block: BlockSource;
  index: number;
  error: unknown;
  lessonId: string | undefined;
  names: Map<string, string>;
  onChange(block: BlockSource): void;
}) {
  const { t } = useTranslation();
  const { block, index, onChange, lessonId, names } = props;
  const named = (id: string) => names.get(id) ?? t("upload.uploaded");
  const setPage = (i: number, change: Partial<BlockSource["pages"][number]>) =>
    onChange({ ...block, pages: block.pages.map((p, j) => (j === i ? { ...p, ...change } : p)) });
  const err = (field: string) =>
    fieldError(props.error, `blocks.${index}.${block.type}.${field}`, t);
  const url = (label: string, kind: MediaKind) =>
    block.upload_id ? (
      <Uploaded
        name={named(block.upload_id)}
        onClear={() => onChange({ ...block, upload_id: null })}
      />
    ) : (
      <>
        <Field label={label} hint={t("form.httpsHint")} error={err("url")}>
          <Input
            type="url"
            value={block.url ?? ""}
            onChange={(e) => onChange({ ...block, url: e.target.value })}
            maxLength={500}
          />
        </Field>
        <UploadButton
          lessonId={lessonId}
          kind={kind}
          label={t(`upload.${kind}`)}
          onUploaded={(u) => onChange({ ...block, upload_id: u.id, url: null })}
        />
      </>
    );
  const questions = (
    <div className="flex flex-col gap-3">
      {block.questions.map((q, i) => (
        <QuestionEditor
          // biome-ignore lint/suspicious/noArrayIndexKey: questions have no id until saved
          key={i}
          question={q}
          index={i}
          onChange={(next) =>
            onChange({ ...block, questions: block.questions.map((x, j) => (j === i ? next : x)) })
          }
          onRemove={() =>
            onChange({ ...block, questions: block.questions.filter((_, j) => j !== i) })
          }
        />
      ))}
      <Button
        variant="secondary"
        className="self-start"
        onClick={() => onChange({ ...block, questions: [...block.questions, emptyQuestion()] })}
      >
        ➕ {t("editor.addQuestion")}
      </Button>
    </div>
  );
  switch (block.type) {
    case "text":
      return (
        <Field label={t("editor.markdown")} hint={t("editor.markdownHint")} error={err("markdown")}>
          <Textarea
            rows={6}
            value={block.markdown ?? ""}
            onChange={(e) => onChange({ ...block, markdown: e.target.value })}
            maxLength={20000}
          />
        </Field>
      );
    case "image":
      return (
        <>
          {url(t("editor.imageUrl"), "image")}
          <Field label={t("editor.caption")}>
            <Input
              value={block.caption ?? ""}
              onChange={(e) => onChange({ ...block, caption: e.target.value })}
              maxLength={300}
            />
          </Field>
        </>
      );
    case "video":
      return url(t("editor.videoUrl"), "video");
    case "audio":
      return (
        <>
          {url(t("editor.audioUrl"), "audio")}
          <Field label={t("editor.audioTitle")}>
            <Input
              value={block.title ?? ""}
              onChange={(e) => onChange({ ...block, title: e.target.value })}
              maxLength={160}
            />
          </Field>
        </>
      );
    case "file":
      return (
        <>
          {url(t("editor.fileUrl"), "file")}
          <Field label={t("editor.fileName")} error={err("name")}>
            <Input
              value={block.name ?? ""}
              onChange={(e) => onChange({ ...block, name: e.target.value })}
              maxLength={160}
            />
          </Field>
        </>
      );
    case "quiz":
      return questions;
    default:
      return (
        <>
          <Field label={t("editor.storyTitle")} error={err("title")}>
            <Input
              value={block.title ?? ""}
              onChange={(e) => onChange({ ...block, title: e.target.value })}
              maxLength={160}
            />
          </Field>
          {block.audio_upload_id ? (
            <Uploaded
              name={named(block.audio_upload_id)}
              onClear={() => onChange({ ...block, audio_upload_id: null })}
            />
          ) : (
            <>
              <Field label={t("editor.readAloud")} hint={t("form.httpsHint")}>
                <Input
                  type="url"
                  value={block.audio_url ?? ""}
                  onChange={(e) => onChange({ ...block, audio_url: e.target.value })}
                  maxLength={500}
                />
              </Field>
              <UploadButton
                lessonId={lessonId}
                kind="audio"
                label={t("upload.track")}
                onUploaded={(u) => onChange({ ...block, audio_upload_id: u.id, audio_url: null })}
              />
            </>
          )}
          <label className="inline-flex min-h-12 cursor-pointer items-center gap-2 font-bold">
            <input
              type="checkbox"
              className="size-5 accent-brand-600"
              checked={block.read_aloud ?? true}
              onChange={() => onChange({ ...block, read_aloud: !(block.read_aloud ?? true) })}
            />
            {t("editor.voice")}
          </label>
          {block.pages.map((page, i) => (
            <fieldset
              // biome-ignore lint/suspicious/noArrayIndexKey: pages have no id
              key={i}
              className="flex flex-col gap-2 rounded-2xl bg-slate-50 p-4 ring-1 ring-slate-200"
            >
              <legend className="px-1 font-bold">
                {t("story.page", { page: i + 1, pages: block.pages.length })}
              </legend>
              <Field label={t("editor.pageText", { n: i + 1 })}>
                <Textarea
                  rows={3}
                  value={page.text}
                  maxLength={4000}
                  onChange={(e) =>
                    onChange({
                      ...block,
                      pages: block.pages.map((p, j) =>
                        j === i ? { ...p, text: e.target.value } : p,
                      ),
                    })
                  }
                />
              </Field>
              <Field label={t("editor.picture", { n: i + 1 })} hint={t("editor.pictureHint")}>
                <Input
                  value={page.picture ?? ""}
                  maxLength={16}
                  onChange={(e) => setPage(i, { picture: e.target.value })}
                />
              </Field>
              {page.image_upload_id ? (
                <Uploaded
                  name={named(page.image_upload_id)}
                  onClear={() => setPage(i, { image_upload_id: null })}
                />
              ) : (
                <>
                  <Field label={t("editor.pageImage", { n: i + 1 })}>
                    <Input
                      type="url"
                      value={page.image_url ?? ""}
                      maxLength={500}
                      onChange={(e) => setPage(i, { image_url: e.target.value })}
                    />
                  </Field>
                  <UploadButton
                    lessonId={lessonId}
                    kind="image"
                    label={t("upload.pageImage", { n: i + 1 })}
                    onUploaded={(u) => setPage(i, { image_upload_id: u.id, image_url: null })}
                  />
                </>
              )}
              {page.audio_upload_id ? (
                <Uploaded
                  name={named(page.audio_upload_id)}
                  onClear={() => setPage(i, { audio_upload_id: null })}
                />
              ) : (
                <UploadButton
                  lessonId={lessonId}
                  kind="audio"
                  label={t("upload.pageAudio", { n: i + 1 })}
                  onUploaded={(u) => setPage(i, { audio_upload_id: u.id })}
                />
              )}
              <Button
                variant="ghost"
                className="self-end"
                disabled={block.pages.length <= 1}
                onClick={() => onChange({ ...block, pages: block.pages.filter((_, j) => j !== i) })}
              >
                🗑️ {t("editor.removePage")}
              </Button>
            </fieldset>
          ))}
          <Button
            variant="secondary"
            className="self-start"
            onClick={() =>
              onChange({ ...block, pages: [...block.pages, { text: "", image_url: null }] })
            }
          >
            ➕ {t("editor.addPage")}
          </Button>
          <h4 className="font-bold">{t("editor.storyQuestions")}</h4>
          {questions}
        </>
      );
  }
}

/** A lesson's settings and its blocks, each edited in place, moved or removed. */
export function LessonForm(props: {
  lesson?: LessonSource;
  onSave(fields: LessonFields): void;
  saving: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const l = props.lesson;
  const [title, setTitle] = useState(l?.title ?? "");
  const [blocks, setBlocks] = useState<BlockSource[]>(l?.blocks ?? [emptyBlock("text")]);
  const [completion, setCompletion] = useState<CompletionRule>(l?.completion ?? "opened");
  const [passMark, setPassMark] = useState(String(l?.pass_mark ?? 60));
  const [required, setRequired] = useState(l?.required ?? true);
  const [freePreview, setFreePreview] = useState(l?.free_preview ?? false);
  const [afterPrevious, setAfterPrevious] = useState(l?.after_previous ?? false);
  const [availableFrom, setAvailableFrom] = useState(l?.available_from?.slice(0, 16) ?? "");
  const error = props.error;
  const { api } = useAuth();
  const uploads = useQuery({ ...uploadsQuery(api, l?.id ?? ""), enabled: Boolean(l?.id) });
  const names = new Map((uploads.data ?? []).map((u) => [u.id, u.name]));

  const move = (from: number, to: number) => {
    const next = [...blocks];
    const [moved] = next.splice(from, 1);
    if (moved) next.splice(to, 0, moved);
    setBlocks(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSave({
      title: title.trim(),
      blocks: blocks.map(blockIn),
      completion,
      pass_mark: Number(passMark) || 60,
      required,
      free_preview: freePreview,
      after_previous: afterPrevious,
      available_from: availableFrom || null,
    });
  };
  const check = (on: boolean, set: (v: boolean) => void, label: string) => (
    <label
      className={cx(
        "inline-flex min-h-12 cursor-pointer items-center gap-2 rounded-xl px-3 font-bold ring-2",
        on ? "bg-brand-50 ring-brand-600" : "bg-white ring-slate-200",
      )}
    >
      <input
        type="checkbox"
        className="size-5 accent-brand-600"
        checked={on}
        onChange={() => set(!on)}
      />
      {label}
    </label>
  );
  const banner = error ? formError(error, t, ["title", "available_from", "pass_mark"]) : null;

  return (
    <form onSubmit={submit} className="flex flex-col gap-5" noValidate>
      <Card className="flex flex-col gap-4">
        <Field label={t("form.title")} error={fieldError(error, "title", t)}>
          <Input
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            maxLength={160}
            required
          />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("editor.completion")}>
            <Select
              value={completion}
              onChange={(e) => setCompletion(e.target.value as CompletionRule)}
            >
              {RULES.map((r) => (
                <option key={r} value={r}>
                  {t(`editor.rules.${r}`)}
                </option>
              ))}
            </Select>
          </Field>
          {completion === "quiz" ? (
            <Field label={t("editor.passMark")} error={fieldError(error, "pass_mark", t)}>
              <Input
                type="number"
                min={1}
                max={100}
                value={passMark}
                onChange={(e) => setPassMark(e.target.value)}
              />
            </Field>
          ) : null}
          <Field
            label={t("editor.availableFrom")}
            hint={t("editor.availableFromHint")}
            error={fieldError(error, "available_from", t)}
          >
            <Input
              type="datetime-local"
              value={availableFrom}
              onChange={(e) => setAvailableFrom(e.target.value)}
            />
          </Field>
        </div>
        <div className="flex flex-wrap gap-2">
          {check(required, setRequired, t("editor.required"))}
          {check(afterPrevious, setAfterPrevious, t("editor.afterPrevious"))}
          {check(freePreview, setFreePreview, t("editor.freePreview"))}
        </div>
      </Card>
      <ol className="flex flex-col gap-4">
        {blocks.map((block, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks have no id; their place is their identity
          <li key={index}>
            <Card className="flex flex-col gap-3">
              <div className="flex flex-wrap items-center gap-2">
                <h3 className="flex-1 font-extrabold text-lg">
                  <span aria-hidden="true">{ICONS[block.type as BlockType] ?? "▫️"} </span>
                  {index + 1}. {t(`editor.blocks.${block.type}`)}
                </h3>
                <Button
                  variant="ghost"
                  aria-label={t("editor.moveUp", { n: index + 1 })}
                  disabled={index === 0}
                  onClick={() => move(index, index - 1)}
                >
                  ↑
                </Button>
                <Button
                  variant="ghost"
                  aria-label={t("editor.moveDown", { n: index + 1 })}
                  disabled={index === blocks.length - 1}
                  onClick={() => move(index, index + 1)}
                >
                  ↓
                </Button>
                <Button
                  variant="ghost"
                  aria-label={t("editor.removeBlock", { n: index + 1 })}
                  onClick={() => setBlocks(blocks.filter((_, j) => j !== index))}
                >
                  🗑️
                </Button>
              </div>
              <BlockEditor
                block={block}
                index={index}
                error={error}
                lessonId={l?.id}
                names={names}
                onChange={(next) => setBlocks(blocks.map((b, j) => (j === index ? next : b)))}
              />
            </Card>
          </li>
        ))}
      </ol>
      <Card className="flex flex-col gap-3">
        <h3 className="font-bold">{t("editor.addBlock")}</h3>
        <div className="flex flex-wrap gap-2">
          {BLOCK_TYPES.map((type) => (
            <Button
              key={type}
              variant="secondary"
              onClick={() => setBlocks([...blocks, emptyBlock(type)])}
            >
              <span aria-hidden="true">{ICONS[type]}</span> {t(`editor.blocks.${type}`)}
            </Button>
          ))}
        </div>
      </Card>
      {banner ? <Alert tone="error">{banner}</Alert> : null}
      <Button
        type="submit"
        size="lg"
        loading={props.saving}
        disabled={!title.trim()}
        className="self-start"
      >
        💾 {t("form.save")}
      </Button>
    </form>
  );
}
