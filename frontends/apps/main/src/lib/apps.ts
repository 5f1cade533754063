import type { AppName } from "@alif/auth";

export type AppEntry = {
  id: Exclude<AppName, "main">;
  emoji: string;
  /** Tile colours (Tailwind classes). */
  tone: string;
  /** `soon` until the app is deployed: the tile says "coming soon" and does not link. */
  status: "available" | "soon";
  /** Apps for the adults who run a centre are not shown on a child's home. */
  forChildren: boolean;
};

// The seven ALIF24 apps besides this one. Flip `status` when an app goes live.
export const APPS: AppEntry[] = [
  {
    id: "harf",
    emoji: "🔤",
    tone: "bg-rose-100 text-rose-900",
    status: "available",
    forChildren: true,
  },
  {
    id: "games",
    emoji: "🎮",
    tone: "bg-sun-100 text-amber-900",
    status: "available",
    forChildren: true,
  },
  {
    id: "lessions",
    emoji: "📚",
    tone: "bg-sky-100 text-sky-900",
    status: "available",
    forChildren: true,
  },
  {
    id: "testai",
    emoji: "📝",
    tone: "bg-violet-100 text-violet-900",
    status: "available",
    forChildren: true,
  },
  {
    id: "olimp",
    emoji: "🏆",
    tone: "bg-emerald-100 text-emerald-900",
    status: "available",
    forChildren: true,
  },
  {
    id: "crm",
    emoji: "🏫",
    tone: "bg-slate-200 text-slate-900",
    status: "available",
    forChildren: false,
  },
];
