import { useTranslation } from "@alif/i18n";
import { Button } from "@alif/ui";
import { type ReactNode, useEffect, useRef, useState } from "react";
import type { Block } from "../../lib/queries.ts";

/** A story (ertak) page by page: a big picture, a few lines, the page read aloud on a tap (the
 * page's recording, else the story's track), and its questions (given as `questions`) after the
 * last page. */
export function StoryBlock(props: { block: Block; questions?: ReactNode }) {
  const { t } = useTranslation();
  const { block } = props;
  const pages = block.pages;
  const [page, setPage] = useState(0);
  const [playing, setPlaying] = useState(false);
  const audio = useRef<HTMLAudioElement>(null);
  const atQuestions = page === pages.length;
  const current = pages[page];
  const sound = (atQuestions ? null : current?.audio_url) || block.audio_url || null;

  // The sound stops when the story leaves the screen, and a page's recording when the page turns.
  useEffect(() => () => audio.current?.pause(), []);
  const turn = (to: number) => {
    if (pages[page]?.audio_url) audio.current?.pause();
    setPage(to);
  };

  const toggle = () => {
    const track = audio.current;
    if (!track) return;
    if (track.paused) void track.play().catch(() => setPlaying(false));
    else track.pause();
  };

  return (
    <section className="flex flex-col gap-5" aria-label={block.title ?? ""}>
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="flex-1 font-extrabold text-2xl">{block.title}</h2>
        {sound ? (
          <>
            {/* biome-ignore lint/a11y/useMediaCaption: the story's words are on the page */}
            <audio
              ref={audio}
              src={sound}
              preload="none"
              onPlay={() => setPlaying(true)}
              onPause={() => setPlaying(false)}
              onEnded={() => setPlaying(false)}
            />
            <Button variant="sun" size="lg" onClick={toggle} aria-pressed={playing}>
              <span aria-hidden="true">{playing ? "⏸️" : "🔊"}</span>
              {playing ? t("story.pause") : t("story.readAloud")}
            </Button>
          </>
        ) : null}
      </div>
      {atQuestions ? (
        props.questions
      ) : current ? (
        <figure className="flex flex-col items-center gap-4 rounded-3xl bg-white p-4 ring-1 ring-slate-200">
          {current.image_url ? (
            <img
              src={current.image_url}
              alt=""
              className="max-h-[50vh] w-auto max-w-full rounded-2xl object-contain"
            />
          ) : current.picture ? (
            <span aria-hidden="true" className="text-[8rem] leading-none">
              {current.picture}
            </span>
          ) : null}
          {current.text ? (
            <figcaption className="whitespace-pre-line text-2xl leading-relaxed">
              {current.text}
            </figcaption>
          ) : null}
        </figure>
      ) : null}
      <nav className="flex items-center gap-3" aria-label={t("story.pages")}>
        <Button
          variant="secondary"
          size="lg"
          onClick={() => turn(page - 1)}
          disabled={page === 0}
          aria-label={t("story.previous")}
        >
          ◀
        </Button>
        <p className="flex-1 text-center font-bold text-lg" aria-live="polite">
          {atQuestions
            ? t("story.questions")
            : t("story.page", { page: page + 1, pages: pages.length })}
        </p>
        <Button
          variant="secondary"
          size="lg"
          onClick={() => turn(page + 1)}
          disabled={page >= (props.questions ? pages.length : pages.length - 1)}
          aria-label={t("story.next")}
        >
          ▶
        </Button>
      </nav>
    </section>
  );
}
