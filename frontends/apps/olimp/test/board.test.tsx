import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BoardSocket, boardUrl } from "../src/lib/board.ts";
import { board, FakeSocket, student, studentProfile } from "./fixtures.ts";
import { renderApp, signedInApi } from "./harness.tsx";

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the board's connection", () => {
  beforeEach(() => {
    FakeSocket.all = [];
  });

  it("builds the WebSocket address on this host with the filters, never the token", () => {
    expect(
      boardUrl("https://olimp.alif24.uz", "r1", { region: "andijan", grade: 5, school: "" }),
    ).toBe("wss://olimp.alif24.uz/api/olimp/ws/rounds/r1/board?region=andijan&grade=5");
    expect(boardUrl("http://olimp.alif24.localhost:8080", "r1", {})).toBe(
      "ws://olimp.alif24.localhost:8080/api/olimp/ws/rounds/r1/board",
    );
  });

  it("signs in with the first message, shows each board, and opens again after a lost connection", async () => {
    vi.useFakeTimers();
    try {
      const boards: unknown[] = [];
      const states: string[] = [];
      const socket = new BoardSocket({
        url: "ws://x/board",
        token: async () => "token-1",
        onBoard: (b) => boards.push(b),
        onState: (s) => states.push(s),
        open: (url) => new FakeSocket(url) as unknown as WebSocket,
      });
      socket.start();
      const first = FakeSocket.all[0];
      first?.open();
      await vi.advanceTimersByTimeAsync(0);
      expect(first?.sent).toEqual([JSON.stringify({ token: "token-1" })]);
      first?.receive(board());
      expect(boards).toHaveLength(1);
      expect(states.at(-1)).toBe("live");

      first?.drop(1006);
      expect(states.at(-1)).toBe("reconnecting");
      expect(FakeSocket.all).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1000);
      expect(FakeSocket.all).toHaveLength(2);
      FakeSocket.all[1]?.open();
      await vi.advanceTimersByTimeAsync(0);
      FakeSocket.all[1]?.receive(board({ frozen: true }));
      expect(boards).toHaveLength(2);
      expect(states.at(-1)).toBe("live");
      socket.stop();
      expect(FakeSocket.all[1]?.closed).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("stops and says why when the server refuses the watcher", async () => {
    vi.useFakeTimers();
    try {
      const states: [string, string | undefined][] = [];
      const socket = new BoardSocket({
        url: "ws://x/board",
        token: async () => "expired",
        onBoard: () => undefined,
        onState: (s, reason) => states.push([s, reason]),
        open: (url) => new FakeSocket(url) as unknown as WebSocket,
      });
      socket.start();
      FakeSocket.all[0]?.drop(1008, "olympiad_not_found");
      await vi.advanceTimersByTimeAsync(30_000);
      expect(states.at(-1)).toEqual(["refused", "olympiad_not_found"]);
      expect(FakeSocket.all).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("the board page", () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.stubGlobal("WebSocket", FakeSocket);
  });
  afterEach(() => vi.unstubAllGlobals());

  async function watching() {
    await renderApp("/olympiads/o1/rounds/r1/board", signedInApi(student, studentProfile));
    await waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    const socket = FakeSocket.all[0] as FakeSocket;
    await act(async () => {
      socket.open();
      await flush();
    });
    return socket;
  }

  it("shows the ranks live, my own row marked, and signs in with the session's token", async () => {
    const socket = await watching();
    expect(socket.sent).toEqual([JSON.stringify({ token: "token-s1" })]);
    act(() => socket.receive(board()));
    const rows = screen.getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getAllByRole("cell")[1]?.textContent)).toEqual([
      "Laylo K.6-sinf",
      "Ali V. (siz)6-sinf",
    ]);
    expect(rows[1]).toHaveAttribute("aria-current", "true");
    expect(screen.getByTestId("live")).toHaveTextContent("Jonli");
    // The next board replaces the last one.
    act(() =>
      socket.receive(
        board({
          rows: [
            { ...board().rows[1], rank: 1, score: 15 },
            { ...board().rows[0], rank: 2 },
          ],
        }),
      ),
    );
    expect(
      within(screen.getAllByRole("row")[1] as HTMLElement).getByText("15"),
    ).toBeInTheDocument();
  });

  it("says when the public board is frozen", async () => {
    const socket = await watching();
    act(() => socket.receive(board({ frozen: true })));
    expect(screen.getByText("Jadval muzlatildi")).toBeInTheDocument();
    act(() => socket.receive(board({ frozen: false })));
    expect(screen.queryByText("Jadval muzlatildi")).not.toBeInTheDocument();
  });

  it("watches again with the filters chosen", async () => {
    const socket = await watching();
    await userEvent.selectOptions(screen.getByLabelText("Viloyat"), "andijan");
    await waitFor(() => expect(FakeSocket.all).toHaveLength(2));
    expect(socket.closed).toBe(true);
    await userEvent.type(screen.getByLabelText("Maktab"), "5-maktab");
    await userEvent.selectOptions(screen.getByLabelText("Sinf"), "6");
    await waitFor(() => expect(FakeSocket.all).toHaveLength(3));
    await userEvent.click(screen.getByRole("button", { name: "Koʻrsatish" }));
    await waitFor(() => expect(FakeSocket.all).toHaveLength(4));
    const last = new URL(FakeSocket.all[3]?.url ?? "");
    expect(Object.fromEntries(last.searchParams)).toEqual({
      region: "andijan",
      school: "5-maktab",
      grade: "6",
    });
    expect(last.toString()).not.toContain("token");
  });
});
