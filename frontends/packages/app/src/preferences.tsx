import { rootHost } from "@alif/auth";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";

/**
 * Sound and motion: on by default, motion off when the system asks for reduced motion. A child's
 * apps live on their own hosts (alif24.uz, games.alif24.uz), so the choice is kept in a cookie of
 * the platform's root host, which every app reads: switched off in one app, off in all of them.
 */
export interface Preferences {
  sound: boolean;
  motion: boolean;
}

const COOKIE = "alif24.preferences";
const ONE_YEAR = 365 * 24 * 3600;

function readCookie(): string | null {
  const cookies = globalThis.document?.cookie.split("; ") ?? [];
  const found = cookies.find((cookie) => cookie.startsWith(`${COOKIE}=`));
  return found ? decodeURIComponent(found.slice(COOKIE.length + 1)) : null;
}

function writeCookie(value: string): void {
  if (typeof document === "undefined") return;
  const host = rootHost(location.hostname);
  // A cookie cannot name a bare name or an address as its domain; there it stays on this host.
  const domain = host.includes(".") && !/^[\d.]+$/.test(host) ? `; domain=${host}` : "";
  const secure = location.protocol === "https:" ? "; secure" : "";
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from older Safari and Firefox, which children's phones run
  document.cookie = `${COOKIE}=${encodeURIComponent(value)}; path=/; max-age=${ONE_YEAR}; samesite=lax${domain}${secure}`;
}

function systemReducesMotion(): boolean {
  return globalThis.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
}

export function loadPreferences(): Preferences {
  const defaults = { sound: true, motion: !systemReducesMotion() };
  try {
    const saved: unknown = JSON.parse(readCookie() ?? "null");
    if (saved && typeof saved === "object") {
      const { sound, motion } = saved as Partial<Preferences>;
      return {
        sound: typeof sound === "boolean" ? sound : defaults.sound,
        motion: typeof motion === "boolean" ? motion : defaults.motion,
      };
    }
  } catch {
    // storage blocked or spoiled: the defaults
  }
  return defaults;
}

/** Turns CSS animations off for the whole page when motion is off (see index.css). */
export function applyMotion(preferences: Preferences): void {
  if (typeof document !== "undefined") {
    document.documentElement.dataset.motion = preferences.motion ? "on" : "off";
  }
}

type PreferencesValue = Preferences & { set(change: Partial<Preferences>): void };
const Context = createContext<PreferencesValue | null>(null);

export function PreferencesProvider(props: { children: ReactNode }) {
  const [preferences, setPreferences] = useState(loadPreferences);
  const set = useCallback((change: Partial<Preferences>) => {
    setPreferences((current) => {
      const next = { ...current, ...change };
      writeCookie(JSON.stringify(next));
      applyMotion(next);
      return next;
    });
  }, []);
  const value = useMemo(() => ({ ...preferences, set }), [preferences, set]);
  return <Context.Provider value={value}>{props.children}</Context.Provider>;
}

export function usePreferences(): PreferencesValue {
  const value = useContext(Context);
  if (!value) throw new Error("usePreferences outside PreferencesProvider");
  return value;
}
