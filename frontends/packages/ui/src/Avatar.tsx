import { cx } from "./cx.ts";

/** Avatars a child can pick; the key is what the profile stores. */
export const AVATARS: Record<string, string> = {
  lion: "🦁",
  cat: "🐱",
  fox: "🦊",
  panda: "🐼",
  rabbit: "🐰",
  bear: "🐻",
  owl: "🦉",
  turtle: "🐢",
  dolphin: "🐬",
  unicorn: "🦄",
  rocket: "🚀",
  star: "⭐",
};

const BACKGROUNDS = ["bg-sun-100", "bg-brand-100", "bg-sky-100", "bg-rose-100", "bg-violet-100"];

function hash(text: string): number {
  let h = 0;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}

export function Avatar(props: { avatar?: string | null; name: string; size?: "md" | "lg" | "xl" }) {
  const emoji = props.avatar ? AVATARS[props.avatar] : undefined;
  const size =
    props.size === "xl"
      ? "size-24 text-6xl"
      : props.size === "lg"
        ? "size-16 text-4xl"
        : "size-12 text-2xl";
  return (
    <span
      aria-hidden="true"
      className={cx(
        "inline-flex shrink-0 items-center justify-center rounded-full font-extrabold text-brand-800",
        BACKGROUNDS[hash(props.name) % BACKGROUNDS.length],
        size,
      )}
    >
      {emoji ?? (props.name.trim()[0] ?? "?").toUpperCase()}
    </span>
  );
}
