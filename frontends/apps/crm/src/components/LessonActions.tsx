import { ApiError, call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, formatDate, useTranslation } from "@alif/i18n";
import { Alert, Button, Card, CardTitle, Field, Input, Select } from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useOffice } from "../lib/office.ts";
import { hhmm, type LessonDetail, moneyKeys, roomsQuery } from "../lib/queries.ts";

interface LessonCollision {
  busy: "room" | "teacher";
  on: string;
  starts_at: string;
  ends_at: string;
}

function collisionsOf(error: unknown): LessonCollision[] {
  if (!(error instanceof ApiError) || error.code !== "lesson_conflict") return [];
  const list = error.details.collisions;
  return Array.isArray(list) ? (list as LessonCollision[]) : [];
}

/** Moving a lesson (another day, time or room; refused with what it collides with) or
 * cancelling it with a reason (it stays in the reports). For whoever manages lessons. */
export function LessonActions(props: { lesson: LessonDetail }) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const client = useQueryClient();
  const { lesson } = props;
  const rooms = useQuery(roomsQuery(api, office.id));
  const [on, setOn] = useState(lesson.on);
  const [startsAt, setStartsAt] = useState(hhmm(lesson.starts_at));
  const [endsAt, setEndsAt] = useState(hhmm(lesson.ends_at));
  const [roomId, setRoomId] = useState(lesson.room_id ?? "");
  const [reason, setReason] = useState("");
  const path = { organization_id: office.id, lesson_id: lesson.id };
  const done = (changed: LessonDetail) => {
    client.setQueryData(moneyKeys.lesson(office.id, changed.id), changed);
    void client.invalidateQueries({ queryKey: moneyKeys.lessons(office.id) });
  };
  const move = useMutation({
    mutationFn: () =>
      call(
        api.crm.POST("/api/crm/organizations/{organization_id}/lessons/{lesson_id}/move", {
          params: { path },
          body: { on, starts_at: startsAt, ends_at: endsAt, room_id: roomId || null },
        }),
      ),
    onSuccess: done,
  });
  const cancel = useMutation({
    mutationFn: () =>
      call(
        api.crm.POST("/api/crm/organizations/{organization_id}/lessons/{lesson_id}/cancel", {
          params: { path },
          body: { reason: reason.trim() },
        }),
      ),
    onSuccess: done,
  });
  const submitMove = (event: FormEvent) => {
    event.preventDefault();
    move.mutate();
  };
  const submitCancel = (event: FormEvent) => {
    event.preventDefault();
    cancel.mutate();
  };
  const collisions = collisionsOf(move.error);
  if (lesson.status === "cancelled") return null;
  return (
    <Card className="flex flex-col gap-4">
      <CardTitle>{t("lessonActions.move")}</CardTitle>
      <form onSubmit={submitMove} className="grid gap-3 sm:grid-cols-2" noValidate>
        <Field label={t("lessonActions.day")}>
          <Input type="date" value={on} onChange={(e) => setOn(e.target.value)} required />
        </Field>
        <Field label={t("label.room")}>
          <Select value={roomId} onChange={(e) => setRoomId(e.target.value)}>
            <option value="">—</option>
            {(rooms.data ?? []).map((room) => (
              <option key={room.id} value={room.id}>
                {room.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("lessonActions.from")}>
          <Input type="time" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
        </Field>
        <Field label={t("lessonActions.to")}>
          <Input type="time" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
        </Field>
        {move.error ? (
          <Alert tone="error" className="sm:col-span-2">
            {errorMessage(t, move.error)}
            {collisions.length > 0 ? (
              <ul className="mt-1 list-disc pl-5">
                {collisions.map((c) => (
                  <li key={`${c.on}-${c.starts_at}-${c.busy}`}>
                    {t(`lessonActions.busy.${c.busy}`)}: {formatDate(c.on, i18n.language)},{" "}
                    {hhmm(c.starts_at)}–{hhmm(c.ends_at)}
                  </li>
                ))}
              </ul>
            ) : null}
          </Alert>
        ) : null}
        <div className="sm:col-span-2">
          <Button type="submit" loading={move.isPending}>
            {t("lessonActions.moveIt")}
          </Button>
        </div>
      </form>
      <form
        onSubmit={submitCancel}
        className="flex flex-wrap items-end gap-3 border-slate-200 border-t pt-3"
        noValidate
      >
        <Field label={t("lessonActions.reason")} className="flex-1">
          <Input value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <Button
          type="submit"
          variant="secondary"
          loading={cancel.isPending}
          disabled={!reason.trim()}
        >
          {t("lessonActions.cancelIt")}
        </Button>
        {cancel.error ? <Alert tone="error">{errorMessage(t, cancel.error)}</Alert> : null}
      </form>
    </Card>
  );
}
