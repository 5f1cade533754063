import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, formatDate, useTranslation } from "@alif/i18n";
import { cx, Select, useToast } from "@alif/ui";
import {
  DndContext,
  type DragEndEvent,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { Link } from "react-router";
import { columnsOf, moveTarget, withMove } from "../lib/board.ts";
import { useOffice } from "../lib/office.ts";
import { keys, type Lead, type Stage } from "../lib/queries.ts";

type BoardPage = { items: Lead[]; total: number; limit: number; offset: number };

/** Moving a lead: shown in its new column at once, put back if the server refuses. */
export function useMoveLead() {
  const { api } = useAuth();
  const office = useOffice();
  const client = useQueryClient();
  const { t } = useTranslation();
  const toast = useToast();
  const board = keys.board(office.id);
  return useMutation({
    mutationFn: (move: { lead: Lead; stageId: string }) =>
      call(
        api.crm.PATCH("/api/crm/organizations/{organization_id}/leads/{lead_id}", {
          params: { path: { organization_id: office.id, lead_id: move.lead.id } },
          body: { stage_id: move.stageId },
        }),
      ),
    onMutate: async (move) => {
      await client.cancelQueries({ queryKey: board });
      const before = client.getQueryData<BoardPage>(board);
      if (before) {
        client.setQueryData<BoardPage>(board, {
          ...before,
          items: withMove(before.items, move.lead.id, move.stageId),
        });
      }
      return { before };
    },
    onError: (error, _move, context) => {
      if (context?.before) client.setQueryData(board, context.before);
      toast.show(errorMessage(t, error), "error");
    },
    onSuccess: (_lead, move) => {
      toast.show(t("board.moved", { name: move.lead.name }), "success");
    },
    onSettled: () => client.invalidateQueries({ queryKey: keys.leads(office.id) }),
  });
}

function LeadCard(props: { lead: Lead; stages: Stage[]; onMove(stageId: string): void }) {
  const { t, i18n } = useTranslation();
  const office = useOffice();
  const selectId = useId();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: props.lead.id,
  });
  const style = transform
    ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` }
    : undefined;
  return (
    <li
      ref={setNodeRef}
      style={style}
      className={cx(
        "flex flex-col gap-2 rounded-2xl bg-white p-3 shadow-sm ring-1 ring-slate-200",
        isDragging && "z-10 shadow-xl ring-brand-400",
      )}
    >
      <div className="flex items-start gap-2">
        {/* The handle carries the pointer drag; the stage menu below is the keyboard's way. */}
        <span
          {...listeners}
          {...attributes}
          tabIndex={-1}
          role="presentation"
          aria-hidden="true"
          className="grid min-h-11 w-8 shrink-0 cursor-grab touch-none place-items-center rounded-lg text-muted hover:bg-slate-100"
        >
          ⠿
        </span>
        <div className="min-w-0 flex-1">
          <Link
            to={office.to(`leads/${props.lead.id}`)}
            className="inline-flex min-h-11 items-center font-bold text-brand-800 hover:underline"
          >
            {props.lead.name}
          </Link>
          <p className="text-muted text-sm">
            {props.lead.phone}
            {props.lead.subject ? ` · ${props.lead.subject}` : ""}
          </p>
          {props.lead.next_step_on ? (
            <p className="text-sm">
              {t("leads.nextStep")}: {formatDate(props.lead.next_step_on, i18n.language)}
            </p>
          ) : null}
        </div>
      </div>
      <label htmlFor={selectId} className="sr-only">
        {t("board.moveTo", { name: props.lead.name })}
      </label>
      <Select
        id={selectId}
        value={props.lead.stage_id}
        onChange={(e) => props.onMove(e.target.value)}
        className="text-sm"
      >
        {props.stages.map((stage) => (
          <option key={stage.id} value={stage.id}>
            {stage.name}
          </option>
        ))}
      </Select>
    </li>
  );
}

function StageColumn(props: { stage: Stage; count: number; children: React.ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({ id: props.stage.id });
  const headingId = useId();
  return (
    <section
      ref={setNodeRef}
      aria-labelledby={headingId}
      className={cx(
        "flex w-72 shrink-0 flex-col gap-3 rounded-[var(--radius-card)] bg-slate-100 p-3 lg:w-auto lg:flex-1",
        isOver && "bg-brand-100 ring-2 ring-brand-400",
      )}
    >
      <h2 id={headingId} className="flex items-center justify-between font-extrabold text-ink">
        {props.stage.name}
        <span className="rounded-full bg-white px-2.5 py-0.5 font-bold text-muted text-sm">
          {props.count}
        </span>
      </h2>
      {props.children}
    </section>
  );
}

/** The open leads by stage: drag a card to another column, or choose its stage from its menu. */
export function LeadBoard(props: { stages: Stage[]; leads: Lead[] }) {
  const { t } = useTranslation();
  const move = useMoveLead();
  // A short distance before a drag starts, so a tap on the name still opens the lead.
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));
  const columns = columnsOf(props.stages, props.leads);
  const onDragEnd = (event: DragEndEvent) => {
    const lead = props.leads.find((l) => l.id === event.active.id);
    const stageId = moveTarget(lead, event.over ? String(event.over.id) : null);
    if (lead && stageId) move.mutate({ lead, stageId });
  };
  return (
    <DndContext sensors={sensors} onDragEnd={onDragEnd}>
      <div className="-mx-4 flex gap-3 overflow-x-auto px-4 pb-2">
        {columns.map(({ stage, leads }) => (
          <StageColumn key={stage.id} stage={stage} count={leads.length}>
            {leads.length === 0 ? (
              <p className="py-4 text-center text-muted text-sm">{t("board.emptyStage")}</p>
            ) : (
              <ul className="flex flex-col gap-2">
                {leads.map((lead) => (
                  <LeadCard
                    key={lead.id}
                    lead={lead}
                    stages={props.stages}
                    onMove={(stageId) => {
                      const target = moveTarget(lead, stageId);
                      if (target) move.mutate({ lead, stageId: target });
                    }}
                  />
                ))}
              </ul>
            )}
          </StageColumn>
        ))}
      </div>
    </DndContext>
  );
}
