import { cx } from "./cx.ts";
import { hasShopPicture, ShopPicture } from "./ShopPicture.tsx";

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

export function Avatar(props: {
  avatar?: string | null;
  name: string;
  size?: "md" | "lg" | "xl";
  /** A frame from the shop around the picture (`frame-gold`...). */
  frame?: string | null;
}) {
  const emoji = props.avatar ? AVATARS[props.avatar] : undefined;
  const bought = hasShopPicture(props.avatar);
  const size =
    props.size === "xl"
      ? "size-24 text-6xl"
      : props.size === "lg"
        ? "size-16 text-4xl"
        : "size-12 text-2xl";
  const face = (
    <span
      aria-hidden="true"
      className={cx(
        "inline-flex shrink-0 items-center justify-center overflow-hidden rounded-full font-extrabold text-brand-800",
        BACKGROUNDS[hash(props.name) % BACKGROUNDS.length],
        size,
      )}
    >
      {bought && props.avatar ? (
        <ShopPicture code={props.avatar} kind="avatar" />
      ) : (
        (emoji ?? (props.name.trim()[0] ?? "?").toUpperCase())
      )}
    </span>
  );
  if (!props.frame || !hasShopPicture(props.frame)) return face;
  return (
    <span aria-hidden="true" className="relative inline-flex shrink-0 p-[8%]">
      {face}
      <span className="pointer-events-none absolute inset-0">
        <ShopPicture code={props.frame} kind="frame" />
      </span>
    </span>
  );
}
