import { useTranslation } from "@alif/i18n";
import { Button, cx } from "@alif/ui";
import { type PointerEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { checkTrace, type Point, type Rules, type Stroke } from "../../lib/tracing.ts";
import { type ExerciseProps, Task } from "./parts.tsx";

const PAD = 0.3; // room around the letter, in letter units

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

function boxOf(strokes: Stroke[]): Box {
  const xs = strokes.flat().map((p) => p[0]);
  const ys = strokes.flat().map((p) => p[1]);
  const left = Math.min(...xs) - PAD;
  const top = Math.min(...ys) - PAD;
  return {
    left,
    top,
    width: Math.max(...xs) + PAD - left,
    height: Math.max(...ys) + PAD - top,
  };
}

function draw(canvas: HTMLCanvasElement, box: Box, guide: Stroke[], ink: Stroke[], rules: Rules) {
  const context = canvas.getContext("2d");
  if (!context) return;
  const ratio = globalThis.devicePixelRatio || 1;
  const scale = (canvas.clientWidth * ratio) / box.width;
  canvas.width = Math.round(canvas.clientWidth * ratio);
  canvas.height = Math.round(box.height * scale);
  context.setTransform(scale, 0, 0, scale, -box.left * scale, -box.top * scale);
  context.lineCap = "round";
  context.lineJoin = "round";
  const path = (stroke: Stroke) => {
    context.beginPath();
    for (const [i, [x, y]] of stroke.entries()) {
      if (i === 0) context.moveTo(x, y);
      else context.lineTo(x, y);
    }
    if (stroke.length === 1) context.lineTo(stroke[0]?.[0] ?? 0, stroke[0]?.[1] ?? 0);
    context.stroke();
  };
  // The road to stay on (as wide as the check allows), its middle line, and where each stroke starts.
  context.strokeStyle = "#d6f2ec";
  context.lineWidth = rules.tolerance * 1.6;
  guide.forEach(path);
  context.strokeStyle = "#7dd0c2";
  context.lineWidth = 0.025;
  context.setLineDash([0.05, 0.05]);
  guide.forEach(path);
  context.setLineDash([]);
  guide.forEach((stroke, i) => {
    const [x, y] = stroke[0] ?? [0, 0];
    context.fillStyle = "#1f7a70";
    context.beginPath();
    context.arc(x, y, 0.07, 0, Math.PI * 2);
    context.fill();
    context.fillStyle = "#ffffff";
    context.font = "bold 0.09px sans-serif";
    context.textAlign = "center";
    context.textBaseline = "middle";
    context.fillText(String(i + 1), x, y);
  });
  context.strokeStyle = "#f5a511";
  context.lineWidth = 0.09;
  ink.forEach(path);
}

/** Trace the letter with a finger or the mouse; a good trace is sent at once, as it ends. */
export function Trace(props: ExerciseProps & { rules: Rules }) {
  const { t } = useTranslation();
  const { exercise, rules, result, busy, onTrace } = props;
  const guide = useMemo(() => (exercise.strokes ?? []) as Stroke[], [exercise.strokes]);
  const box = useMemo(() => boxOf(guide), [guide]);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [ink, setInk] = useState<Stroke[]>([]);
  const drawing = useRef(false);

  const redraw = useCallback(() => {
    if (canvas.current) draw(canvas.current, box, guide, ink, rules);
  }, [box, guide, ink, rules]);
  useEffect(() => {
    redraw();
    globalThis.addEventListener?.("resize", redraw);
    return () => globalThis.removeEventListener?.("resize", redraw);
  }, [redraw]);

  const point = (event: PointerEvent<HTMLCanvasElement>): Point => {
    const rect = event.currentTarget.getBoundingClientRect();
    return [
      box.left + ((event.clientX - rect.left) / rect.width) * box.width,
      box.top + ((event.clientY - rect.top) / rect.height) * box.height,
    ];
  };
  const open = result === null && !busy;

  return (
    <div className="flex flex-col items-center gap-4">
      <Task icon="✏️">{t("task.trace")}</Task>
      <canvas
        ref={canvas}
        role="img"
        aria-label={t("traceCanvas", { letter: exercise.prompt })}
        style={{ aspectRatio: `${box.width} / ${box.height}`, touchAction: "none" }}
        className={cx(
          "w-full max-w-sm rounded-3xl bg-white shadow-sm ring-4",
          result === null
            ? "ring-brand-100"
            : result.correct
              ? "ring-emerald-500"
              : "ring-rose-300",
        )}
        onPointerDown={(event) => {
          if (!open) return;
          event.currentTarget.setPointerCapture?.(event.pointerId);
          drawing.current = true;
          setInk([...ink, [point(event)]]);
        }}
        onPointerMove={(event) => {
          if (!drawing.current) return;
          const next = point(event);
          setInk((strokes) => [...strokes.slice(0, -1), [...(strokes.at(-1) ?? []), next]]);
        }}
        onPointerUp={() => {
          if (!drawing.current) return;
          drawing.current = false;
          if (checkTrace(guide, ink, rules)) onTrace(ink);
        }}
      />
      {result === null ? (
        <div className="flex gap-3">
          <Button
            variant="secondary"
            size="lg"
            icon="↺"
            disabled={ink.length === 0 || busy}
            onClick={() => setInk([])}
          >
            {t("again")}
          </Button>
          <Button
            size="lg"
            icon="✓"
            loading={busy}
            disabled={ink.length === 0}
            onClick={() => onTrace(ink)}
          >
            {t("check")}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
