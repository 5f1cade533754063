import { type ClientMessage, type Hello, PROTOCOL, type ServerMessage } from "./protocol.ts";

export type LiveState = "connecting" | "live" | "reconnecting" | "closed";

/** Waits before each new try after the connection was lost (the last one repeats). */
export const RECONNECT_DELAYS = [500, 1000, 2000, 5000];
/** The server closes a socket silent for a minute; a ping every 15 s keeps a phone in. */
export const PING_MS = 15_000;
const NORMAL = 1000;
const POLICY_VIOLATION = 1008;

export function liveUrl(origin: string): string {
  const url = new URL("/api/testai/ws/live", origin);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}

type Options = {
  url: string;
  /** The first message; asked again at every (re)connection, so it can carry a fresh token or
   * the nickname player's resume key instead of the nickname. */
  hello(): Promise<Omit<Hello, "type" | "v">>;
  onMessage(message: ServerMessage, receivedAt: number): void;
  /** `reason`: the server's code when it closed for good (game over, refused, removed). */
  onState(state: LiveState, reason?: string): void;
  open?: (url: string) => WebSocket;
  now?: () => number;
};

/**
 * One live game socket. A lost connection is opened again (the server then sends the game as it
 * is: the score kept, the open question); a close by the server for a reason (1000 game over,
 * 1008 refused) is final.
 */
export class LiveSocket {
  private socket: WebSocket | null = null;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pinger: ReturnType<typeof setInterval> | null = null;
  private stopped = false;

  constructor(private readonly options: Options) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.pinger) clearInterval(this.pinger);
    this.timer = null;
    this.pinger = null;
    this.socket?.close(NORMAL);
    this.socket = null;
  }

  send(message: ClientMessage): boolean {
    if (this.socket?.readyState !== 1) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  private connect(): void {
    const { options } = this;
    options.onState(this.failures === 0 ? "connecting" : "reconnecting");
    const socket = (options.open ?? ((url) => new WebSocket(url)))(options.url);
    this.socket = socket;
    socket.onopen = () => {
      void options.hello().then((hello) => {
        if (this.socket !== socket) return;
        socket.send(JSON.stringify({ type: "hello", v: PROTOCOL, ...hello }));
        if (this.pinger) clearInterval(this.pinger);
        this.pinger = setInterval(() => this.send({ type: "ping" }), PING_MS);
      });
    };
    socket.onmessage = (event: MessageEvent) => {
      if (this.socket !== socket) return;
      this.failures = 0;
      const message = JSON.parse(String(event.data)) as ServerMessage;
      if (message.type === "welcome") options.onState("live");
      options.onMessage(message, (options.now ?? Date.now)());
    };
    socket.onclose = (event: CloseEvent) => {
      if (this.socket !== socket || this.stopped) return;
      this.socket = null;
      if (this.pinger) clearInterval(this.pinger);
      this.pinger = null;
      if (event.code === NORMAL || event.code === POLICY_VIOLATION) {
        options.onState("closed", event.reason);
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
