import { useTranslation } from "@alif/i18n";
import { type ReactNode, useEffect, useId, useRef } from "react";

/**
 * A modal dialog on the native `<dialog>`: the browser keeps the focus inside, Escape closes it,
 * and the focus returns to where it was.
 */
export function Dialog(props: {
  open: boolean;
  onClose(): void;
  title: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  const { t } = useTranslation("common");
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { open, onClose } = props;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
    } else if (!open && dialog.open) {
      if (typeof dialog.close === "function") dialog.close();
      else dialog.removeAttribute("open");
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className="m-auto w-[min(32rem,calc(100%-2rem))] rounded-[var(--radius-card)] bg-white p-0 text-ink shadow-2xl backdrop:bg-ink/50"
    >
      {open ? (
        <div className="flex flex-col gap-4 p-6">
          <div className="flex items-start gap-3">
            <h2 id={titleId} className="flex-1 font-extrabold text-xl">
              {props.title}
            </h2>
            <button
              type="button"
              onClick={onClose}
              className="-m-2 min-h-12 min-w-12 rounded-xl text-2xl text-muted hover:bg-slate-100"
              aria-label={t("actions.close")}
            >
              <span aria-hidden="true">×</span>
            </button>
          </div>
          {props.children}
          {props.actions ? (
            <div className="flex flex-wrap justify-end gap-3">{props.actions}</div>
          ) : null}
        </div>
      ) : null}
    </dialog>
  );
}
