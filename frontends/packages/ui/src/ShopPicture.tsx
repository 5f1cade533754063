import type { ReactElement } from "react";
import { cx } from "./cx.ts";

/**
 * The pictures of the coin shop's items, drawn inline (no extra request, crisp at any size, the
 * same in every app). An item the web apps do not know yet falls back to its `image` path.
 */
const PICTURES: Record<string, () => ReactElement> = {
  "avatar-lion": () => (
    <>
      <circle cx="50" cy="50" r="50" fill="#fde68a" />
      <g fill="#d97706">
        {Array.from({ length: 12 }, (_, i) => (
          <circle
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed drawing
            key={i}
            cx={50 + 30 * Math.cos((i * Math.PI) / 6)}
            cy={52 + 30 * Math.sin((i * Math.PI) / 6)}
            r="13"
          />
        ))}
      </g>
      <circle cx="50" cy="52" r="27" fill="#fbbf24" />
      <circle cx="40" cy="47" r="4" fill="#1f2a37" />
      <circle cx="60" cy="47" r="4" fill="#1f2a37" />
      <ellipse cx="50" cy="60" rx="9" ry="7" fill="#fef3c7" />
      <path d="M46 57h8l-4 4z" fill="#7c2d12" />
      <path d="M44 65q6 5 12 0" stroke="#7c2d12" strokeWidth="2" fill="none" />
    </>
  ),
  "avatar-owl": () => (
    <>
      <circle cx="50" cy="50" r="50" fill="#c7d2fe" />
      <path d="M24 34l8 10M76 34l-8 10" stroke="#78350f" strokeWidth="6" strokeLinecap="round" />
      <ellipse cx="50" cy="58" rx="27" ry="30" fill="#92400e" />
      <ellipse cx="50" cy="68" rx="16" ry="18" fill="#fcd34d" />
      <circle cx="39" cy="47" r="11" fill="#fff" />
      <circle cx="61" cy="47" r="11" fill="#fff" />
      <circle cx="40" cy="48" r="5" fill="#1f2a37" />
      <circle cx="60" cy="48" r="5" fill="#1f2a37" />
      <path d="M46 56h8l-4 7z" fill="#f59e0b" />
    </>
  ),
  "avatar-rocket": () => (
    <>
      <circle cx="50" cy="50" r="50" fill="#1e3a8a" />
      <g fill="#fff">
        <circle cx="20" cy="25" r="2" />
        <circle cx="78" cy="20" r="1.5" />
        <circle cx="82" cy="70" r="2" />
        <circle cx="15" cy="65" r="1.5" />
      </g>
      <path d="M38 70q12 24 24 0z" fill="#f97316" />
      <path d="M50 14q18 18 14 50H36q-4-32 14-50z" fill="#f1f5f9" />
      <path d="M36 52l-10 14h11zM64 52l10 14H63z" fill="#ef4444" />
      <circle cx="50" cy="40" r="8" fill="#38bdf8" stroke="#475569" strokeWidth="3" />
    </>
  ),
  "frame-stars": () => (
    <>
      <circle cx="50" cy="50" r="40" fill="none" stroke="#fbbf24" strokeWidth="8" />
      <g fill="#f59e0b">
        {[0, 72, 144, 216, 288].map((angle) => (
          <path
            key={angle}
            transform={`rotate(${angle} 50 50)`}
            d="M50 2l4 9 10 1-7 7 2 10-9-5-9 5 2-10-7-7 10-1z"
          />
        ))}
      </g>
    </>
  ),
  "frame-gold": () => (
    <>
      <defs>
        <linearGradient id="alif-gold" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#fde68a" />
          <stop offset="0.5" stopColor="#d97706" />
          <stop offset="1" stopColor="#fef3c7" />
        </linearGradient>
      </defs>
      <circle cx="50" cy="50" r="42" fill="none" stroke="url(#alif-gold)" strokeWidth="12" />
      <circle cx="50" cy="50" r="34" fill="none" stroke="#fef3c7" strokeWidth="2" />
    </>
  ),
  "theme-space": () => (
    <>
      <rect width="100" height="100" rx="18" fill="#1e1b4b" />
      <g fill="#fff">
        <circle cx="15" cy="18" r="1.5" />
        <circle cx="40" cy="10" r="1" />
        <circle cx="85" cy="15" r="2" />
        <circle cx="70" cy="40" r="1" />
        <circle cx="12" cy="70" r="1.5" />
        <circle cx="88" cy="85" r="1" />
      </g>
      <circle cx="45" cy="58" r="22" fill="#a78bfa" />
      <ellipse cx="45" cy="58" rx="36" ry="8" fill="none" stroke="#fde68a" strokeWidth="4" />
    </>
  ),
  "theme-ocean": () => (
    <>
      <rect width="100" height="100" rx="18" fill="#0ea5e9" />
      <path d="M0 60q12-8 25 0t25 0 25 0 25 0V100H0z" fill="#0369a1" />
      <path d="M0 78q12-8 25 0t25 0 25 0 25 0V100H0z" fill="#075985" />
      <ellipse cx="50" cy="38" rx="14" ry="8" fill="#fb923c" />
      <path d="M62 38l10-7v14z" fill="#fb923c" />
      <circle cx="44" cy="36" r="2" fill="#1f2a37" />
      <circle cx="22" cy="22" r="3" fill="none" stroke="#e0f2fe" strokeWidth="1.5" />
      <circle cx="28" cy="14" r="2" fill="none" stroke="#e0f2fe" strokeWidth="1.5" />
    </>
  ),
};

const FALLBACK: Record<string, string> = { avatar: "🙂", frame: "🖼️", theme: "🎨" };

/** Whether the web apps can draw this shop item (an avatar code on a profile, for example). */
export function hasShopPicture(code: string | null | undefined): boolean {
  return Boolean(code && code in PICTURES);
}

/** A shop item's picture: drawn if known, else its image path, else a plain sign of its kind. */
export function ShopPicture(props: {
  code: string;
  kind?: string;
  image?: string | null;
  className?: string;
}) {
  const draw = PICTURES[props.code];
  if (draw) {
    return (
      <svg
        viewBox="0 0 100 100"
        aria-hidden="true"
        className={cx("block size-full", props.className)}
      >
        {draw()}
      </svg>
    );
  }
  if (props.image) {
    return <img src={props.image} alt="" className={cx("block size-full", props.className)} />;
  }
  return (
    <span
      aria-hidden="true"
      className={cx("grid size-full place-items-center text-[2.5em]", props.className)}
    >
      {FALLBACK[props.kind ?? "avatar"] ?? "🎁"}
    </span>
  );
}

/** The look of a child's own page when a theme from the shop is on (Tailwind classes). */
export const THEMES: Record<string, string> = {
  "theme-space": "bg-indigo-950 text-white",
  "theme-ocean": "bg-gradient-to-b from-sky-400 to-blue-700 text-white",
};
