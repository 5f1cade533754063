import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";

/** Sound and motion: on by default, motion off when the system asks for reduced motion. */
export interface Preferences {
  sound: boolean;
  motion: boolean;
}

const KEY = "alif24.games.preferences";

function systemReducesMotion(): boolean {
  return globalThis.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
}

export function loadPreferences(): Preferences {
  const defaults = { sound: true, motion: !systemReducesMotion() };
  try {
    const saved: unknown = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? "null");
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
      try {
        globalThis.localStorage?.setItem(KEY, JSON.stringify(next));
      } catch {
        // not remembered, still applied
      }
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
