import { ApiError } from "@alif/api";
import { useTranslation } from "@alif/i18n";
import { hhmm } from "../lib/queries.ts";

interface Collision {
  group_name: string;
  busy: "room" | "teacher";
  weekday: number;
  starts_at: string;
  ends_at: string;
}

/** The lessons a refused schedule collides with, as the server listed them. */
export function collisionsOf(error: unknown): Collision[] {
  if (!(error instanceof ApiError) || error.code !== "schedule_conflict") return [];
  const list = error.details.collisions;
  return Array.isArray(list) ? (list as Collision[]) : [];
}

export function Collisions(props: { error: unknown }) {
  const { t } = useTranslation();
  const list = collisionsOf(props.error);
  if (list.length === 0) return null;
  return (
    <ul className="list-disc pl-6">
      {list.map((c) => (
        <li key={`${c.group_name}-${c.busy}-${c.weekday}-${c.starts_at}`}>
          {t(`group.busy.${c.busy}`, {
            group: c.group_name,
            day: t(`weekdays.${c.weekday}`),
            from: hhmm(c.starts_at),
            to: hhmm(c.ends_at),
          })}
        </li>
      ))}
    </ul>
  );
}
