/** The lead board's arithmetic: columns from stages, and what a move sends to the server. */

export interface BoardStage {
  id: string;
  name: string;
  position: number;
}

export interface BoardLead {
  id: string;
  stage_id: string;
}

export interface Column<L extends BoardLead> {
  stage: BoardStage;
  leads: L[];
}

/** One column per stage in the office's order; each lead in its stage's column, order kept. */
export function columnsOf<L extends BoardLead>(stages: readonly BoardStage[], leads: readonly L[]) {
  const ordered = [...stages].sort((a, b) => a.position - b.position);
  const byStage = new Map<string, L[]>(ordered.map((s) => [s.id, []]));
  for (const lead of leads) byStage.get(lead.stage_id)?.push(lead);
  return ordered.map((stage) => ({ stage, leads: byStage.get(stage.id) ?? [] }));
}

/**
 * The stage a lead goes to, or null when nothing changes (dropped where it was, or on no column).
 */
export function moveTarget(
  lead: BoardLead | undefined,
  stageId: string | null | undefined,
): string | null {
  if (!lead || !stageId || lead.stage_id === stageId) return null;
  return stageId;
}

/** The leads with one of them already in its new column: what the board shows while it saves. */
export function withMove<L extends BoardLead>(
  leads: readonly L[],
  leadId: string,
  stageId: string,
) {
  return leads.map((lead) => (lead.id === leadId ? { ...lead, stage_id: stageId } : lead));
}

/** The neighbour stage for the keyboard's "move left/right"; null at either end. */
export function neighbourStage(
  stages: readonly BoardStage[],
  stageId: string,
  step: -1 | 1,
): string | null {
  const ordered = [...stages].sort((a, b) => a.position - b.position);
  const index = ordered.findIndex((s) => s.id === stageId);
  if (index < 0) return null;
  return ordered[index + step]?.id ?? null;
}
