import { useTranslation } from "@alif/i18n";
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
} from "react";
import type { Tone } from "./Alert.tsx";
import { cx } from "./cx.ts";

type Toast = { id: number; tone: Tone; message: ReactNode };
type ToastApi = { show(message: ReactNode, tone?: Tone): void };

const ToastContext = createContext<ToastApi | null>(null);
const TONE: Record<Tone, string> = {
  info: "bg-ink text-white",
  success: "bg-brand-700 text-white",
  warning: "bg-sun-400 text-ink",
  error: "bg-red-700 text-white",
};

/** Short notes after an action ("Saved"), read out by screen readers, gone after 5 seconds. */
export function ToastProvider(props: { children: ReactNode }) {
  const { t } = useTranslation("common");
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(0);
  const dismiss = useCallback(
    (id: number) => setToasts((all) => all.filter((x) => x.id !== id)),
    [],
  );
  const show = useCallback(
    (message: ReactNode, tone: Tone = "success") => {
      const id = ++next.current;
      setToasts((all) => [...all.slice(-2), { id, tone, message }]);
      setTimeout(() => dismiss(id), 5000);
    },
    [dismiss],
  );
  const api = useMemo(() => ({ show }), [show]);
  return (
    <ToastContext.Provider value={api}>
      {props.children}
      {/* The top bar's buttons (back, language, sign out) stay where they are on every page, so a
          toast never sits over them: it rises from the bottom edge, above a phone's home indicator
          (the safe area), where no app keeps a fixed control; a tap anywhere on it closes it. */}
      <div
        aria-live="polite"
        data-testid="toasts"
        className="pointer-events-none fixed inset-x-0 bottom-[calc(env(safe-area-inset-bottom)+0.75rem)] z-50 flex flex-col items-center gap-2 px-2 sm:px-4"
      >
        {toasts.map((toast) => (
          <div
            key={toast.id}
            className={cx(
              "pointer-events-auto flex w-full max-w-md items-center gap-3 rounded-2xl px-4 py-2 font-semibold shadow-lg",
              TONE[toast.tone],
            )}
          >
            {/* biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: a shortcut for fingers; the close button serves the keyboard */}
            <span className="flex-1" onClick={() => dismiss(toast.id)}>
              {toast.message}
            </span>
            <button
              type="button"
              onClick={() => dismiss(toast.id)}
              className="min-h-11 min-w-11 rounded-xl text-xl hover:bg-white/15"
              aria-label={t("actions.close")}
            >
              <span aria-hidden="true">×</span>
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast() needs a <ToastProvider> above it");
  return api;
}
