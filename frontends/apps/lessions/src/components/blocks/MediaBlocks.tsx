import { useTranslation } from "@alif/i18n";
import { buttonClass } from "@alif/ui";
import type { Block } from "../../lib/queries.ts";

/** Text: HTML the server rendered from Markdown and sanitised (no script an author typed). */
export function TextBlock(props: { block: Block }) {
  return (
    <div
      className="lesson-text"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised on the server (nh3)
      dangerouslySetInnerHTML={{ __html: props.block.html ?? "" }}
    />
  );
}

export function ImageBlock(props: { block: Block }) {
  const { block } = props;
  return (
    <figure className="flex flex-col items-center gap-3">
      <img
        src={block.url ?? ""}
        alt={block.caption ?? ""}
        className="max-h-[60vh] w-auto max-w-full rounded-2xl bg-white object-contain"
      />
      {block.caption ? (
        <figcaption className="text-center text-lg text-muted">{block.caption}</figcaption>
      ) : null}
    </figure>
  );
}

/** An embed from a host the server allows (YouTube, Vimeo). */
export function VideoBlock(props: { block: Block }) {
  const { t } = useTranslation();
  return (
    <div className="aspect-video w-full overflow-hidden rounded-2xl bg-black">
      <iframe
        src={props.block.url ?? ""}
        title={props.block.title || t("player.video")}
        className="size-full"
        loading="lazy"
        referrerPolicy="strict-origin-when-cross-origin"
        allow="encrypted-media; picture-in-picture; fullscreen"
        allowFullScreen
      />
    </div>
  );
}

export function AudioBlock(props: { block: Block }) {
  const { t } = useTranslation();
  const title = props.block.title || t("player.audio");
  return (
    <figure className="flex flex-col gap-3 rounded-2xl bg-sky-50 p-5">
      <figcaption className="flex items-center gap-3 font-bold text-xl">
        <span aria-hidden="true" className="text-3xl">
          🎧
        </span>
        {title}
      </figcaption>
      {/* biome-ignore lint/a11y/useMediaCaption: a sound track for listening; its title is above */}
      <audio
        controls
        preload="none"
        src={props.block.url ?? ""}
        className="w-full"
        aria-label={title}
      />
    </figure>
  );
}

export function FileBlock(props: { block: Block }) {
  const { t } = useTranslation();
  const name = props.block.name ?? "";
  return (
    <a
      href={props.block.url ?? ""}
      download={name}
      target="_blank"
      rel="noopener noreferrer"
      className={buttonClass("secondary", "lg", "w-full sm:w-auto")}
    >
      <span aria-hidden="true">📥</span>
      {t("player.download", { name })}
    </a>
  );
}
