import { useTranslation } from "@alif/i18n";
import { fieldError } from "@alif/i18n/forms";
import { Button, Field, Input, Select } from "@alif/ui";
import { useId } from "react";
import { type Room, WEEKDAYS } from "../lib/queries.ts";
import { type SlotDraft, slotsBody, soumToTiyin } from "../lib/schedule.ts";

export interface GroupDraft {
  room_id: string;
  starts_on: string;
  ends_on: string;
  price: string;
  capacity: string;
  schedule: SlotDraft[];
}

export const GROUP_FIELDS = [
  "room_id",
  "starts_on",
  "ends_on",
  "monthly_price",
  "capacity",
  "schedule",
];

/** The settings as the API takes them; null when the price or the capacity is not a number. */
export function groupBody(draft: GroupDraft) {
  const price = soumToTiyin(draft.price);
  const capacity = Number(draft.capacity);
  if (price === null || !Number.isInteger(capacity) || capacity < 1) return null;
  return {
    room_id: draft.room_id || null,
    starts_on: draft.starts_on,
    ends_on: draft.ends_on || null,
    monthly_price: price,
    capacity,
    schedule: slotsBody(draft.schedule),
  };
}

function SlotRow(props: { slot: SlotDraft; onChange(slot: SlotDraft): void; onRemove(): void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="flex flex-wrap items-end gap-2">
      <legend className="sr-only">{t(`weekdays.${props.slot.weekday}`)}</legend>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-day`} className="font-bold text-sm">
          {t("group.weekday")}
        </label>
        <Select
          id={`${id}-day`}
          value={props.slot.weekday}
          onChange={(e) => props.onChange({ ...props.slot, weekday: Number(e.target.value) })}
        >
          {WEEKDAYS.map((d) => (
            <option key={d} value={d}>
              {t(`weekdays.${d}`)}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-from`} className="font-bold text-sm">
          {t("group.from")}
        </label>
        <Input
          id={`${id}-from`}
          type="time"
          value={props.slot.starts_at}
          onChange={(e) => props.onChange({ ...props.slot, starts_at: e.target.value })}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-to`} className="font-bold text-sm">
          {t("group.to")}
        </label>
        <Input
          id={`${id}-to`}
          type="time"
          value={props.slot.ends_at}
          onChange={(e) => props.onChange({ ...props.slot, ends_at: e.target.value })}
        />
      </div>
      <Button
        variant="ghost"
        onClick={props.onRemove}
        aria-label={t("group.removeSlot", { day: t(`weekdays.${props.slot.weekday}`) })}
      >
        ✕
      </Button>
    </fieldset>
  );
}

export function GroupFields(props: {
  draft: GroupDraft;
  onChange(draft: GroupDraft): void;
  rooms: Room[];
  error: unknown;
}) {
  const { t } = useTranslation();
  const { draft } = props;
  const set = (field: keyof GroupDraft) => (e: { target: { value: string } }) =>
    props.onChange({ ...draft, [field]: e.target.value });
  const err = (field: string) => fieldError(props.error, field, t);
  const setSlot = (index: number, slot: SlotDraft) =>
    props.onChange({ ...draft, schedule: draft.schedule.map((s, i) => (i === index ? slot : s)) });
  return (
    <div className="flex flex-col gap-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("label.room")} error={err("room_id")}>
          <Select value={draft.room_id} onChange={set("room_id")}>
            <option value="">{t("group.noRoom")}</option>
            {props.rooms.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("label.capacity")} error={err("capacity")}>
          <Input
            type="number"
            min={1}
            inputMode="numeric"
            value={draft.capacity}
            onChange={set("capacity")}
            required
          />
        </Field>
        <Field label={t("label.startsOn")} error={err("starts_on")}>
          <Input type="date" value={draft.starts_on} onChange={set("starts_on")} required />
        </Field>
        <Field label={t("label.endsOn")} error={err("ends_on")}>
          <Input type="date" value={draft.ends_on} onChange={set("ends_on")} />
        </Field>
        <Field
          label={t("label.monthlyPrice")}
          hint={t("label.inSoum")}
          error={err("monthly_price")}
        >
          <Input inputMode="decimal" value={draft.price} onChange={set("price")} required />
        </Field>
      </div>
      <div className="flex flex-col gap-2">
        <h3 className="font-extrabold">{t("group.schedule")}</h3>
        {draft.schedule.map((slot, index) => (
          <SlotRow
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
            key={index}
            slot={slot}
            onChange={(next) => setSlot(index, next)}
            onRemove={() =>
              props.onChange({ ...draft, schedule: draft.schedule.filter((_, i) => i !== index) })
            }
          />
        ))}
        <div>
          <Button
            variant="secondary"
            onClick={() =>
              props.onChange({
                ...draft,
                schedule: [...draft.schedule, { weekday: 0, starts_at: "14:00", ends_at: "15:30" }],
              })
            }
          >
            {t("group.addSlot")}
          </Button>
        </div>
      </div>
    </div>
  );
}
