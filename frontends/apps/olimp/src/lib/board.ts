import type { Board } from "./queries.ts";

export type BoardFilters = { region?: string; district?: string; school?: string; grade?: number };
export type LiveState = "connecting" | "live" | "reconnecting" | "refused";

/** Waits before each new try after the connection was lost (the last one repeats). */
export const RECONNECT_DELAYS = [1000, 2000, 5000, 10000];
/** The server's code for "you may not watch this" (a bad token, a board not yours to see). */
const POLICY_VIOLATION = 1008;

export function boardUrl(origin: string, roundId: string, filters: BoardFilters): string {
  const url = new URL(`/api/olimp/ws/rounds/${roundId}/board`, origin);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  for (const [name, value] of Object.entries(filters)) {
    if (value !== undefined && value !== "") url.searchParams.set(name, String(value));
  }
  return url.toString();
}

type Options = {
  url: string;
  /** The access token, sent as the first message (never in the URL, where it would be logged). */
  token(): Promise<string | null>;
  onBoard(board: Board): void;
  onState(state: LiveState, reason?: string): void;
  open?: (url: string) => WebSocket;
};

/**
 * The round's board over a WebSocket: the server sends it at once and after every change. A lost
 * connection is opened again (1, 2, 5, then every 10 s); a refusal (1008) is final and says why.
 */
export class BoardSocket {
  private socket: WebSocket | null = null;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(private readonly options: Options) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.socket?.close();
    this.socket = null;
  }

  private connect(): void {
    const { options } = this;
    options.onState(this.failures === 0 ? "connecting" : "reconnecting");
    const socket = (options.open ?? ((url) => new WebSocket(url)))(options.url);
    this.socket = socket;
    socket.onopen = () => {
      void options.token().then((token) => {
        if (this.socket === socket) socket.send(JSON.stringify({ token: token ?? "" }));
      });
    };
    socket.onmessage = (event: MessageEvent) => {
      if (this.socket !== socket) return;
      this.failures = 0;
      options.onState("live");
      options.onBoard(JSON.parse(String(event.data)) as Board);
    };
    socket.onclose = (event: CloseEvent) => {
      if (this.socket !== socket || this.stopped) return;
      this.socket = null;
      if (event.code === POLICY_VIOLATION) {
        options.onState("refused", event.reason);
        return;
      }
      this.failures += 1;
      options.onState("reconnecting");
      const delay = RECONNECT_DELAYS[Math.min(this.failures, RECONNECT_DELAYS.length) - 1];
      this.timer = setTimeout(() => {
        this.timer = null;
        this.connect();
      }, delay);
    };
  }
}
