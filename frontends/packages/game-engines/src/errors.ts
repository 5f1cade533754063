/** Why an input log cannot be replayed; the same reason codes as the Python engines. */
export type InvalidLogReason =
  | "ticks_out_of_order"
  | "tick_after_end"
  | "unknown_action"
  | "input_after_game_over"
  | "key_already_pressed"
  | "key_not_pressed";

export class InvalidLog extends Error {
  constructor(
    readonly reason: InvalidLogReason,
    readonly index: number | null = null,
  ) {
    super(index === null ? reason : `${reason} (input ${index})`);
  }
}
