import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, json, renderApp, signedInApi } from "./harness.tsx";

const parent = { id: "p1", role: "parent", first_name: "Dilnoza" };
const report = {
  id: "n1",
  kind: "weekly_report",
  title: "Ali Karimov: haftalik hisobot",
  body: "30.11–06.12.2026. Testlar: 2 (oʻrtacha 70%). Oʻyinlar: 2.",
  data: {},
  created_at: "2026-12-06T14:00:00Z",
  read_at: null,
};
const page = (items: unknown[], unread: number) => ({
  items,
  total: items.length,
  limit: 50,
  offset: 0,
  unread,
});
const channels = (configured: boolean, ready: boolean) => ({
  in_app: { configured: true, ready: true },
  sms: { configured: false, ready: true },
  telegram: { configured, ready },
});

describe("notifications", () => {
  it("lists my messages and marks them all read", async () => {
    let unread = 1;
    const api = signedInApi(parent)
      .on("GET /api/main/notifications", () =>
        json(200, page([{ ...report, read_at: unread ? null : "2026-12-07T10:00:00Z" }], unread)),
      )
      .on("GET /api/main/notifications/channels", channels(false, false))
      .on("POST /api/main/notifications/read", () => {
        unread = 0;
        return json(200, { unread: 0 });
      });
    await renderApp("/notifications", api);
    expect(await screen.findByText("Ali Karimov: haftalik hisobot")).toBeInTheDocument();
    expect(screen.getByText("Telegram xabarlari hozircha mavjud emas.")).toBeInTheDocument();
    await userEvent
      .setup()
      .click(screen.getByRole("button", { name: "Hammasini oʻqilgan deb belgilash (1)" }));
    await waitFor(() =>
      expect(screen.queryByRole("button", { name: /oʻqilgan deb belgilash/ })).toBeNull(),
    );
    expect(api.called("POST", "/api/main/notifications/read")).toHaveLength(1);
  });

  it("gives a code and a link to the bot to link Telegram", async () => {
    const api = signedInApi(parent)
      .on("GET /api/main/notifications", page([], 0))
      .on("GET /api/main/notifications/channels", channels(true, false))
      .on("POST /api/main/notifications/telegram/link", () =>
        json(200, {
          code: "K7P2QX9A",
          url: "https://t.me/alif24_bot?start=K7P2QX9A",
          expires_at: "2026-12-07T10:15:00Z",
        }),
      );
    await renderApp("/notifications", api);
    expect(await screen.findByText("Hozircha xabar yoʻq")).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole("button", { name: "Telegramni ulash" }));
    expect(await screen.findByText("K7P2QX9A")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Telegramni ochish" })).toHaveAttribute(
      "href",
      "https://t.me/alif24_bot?start=K7P2QX9A",
    );
  });

  it("links a weekly report's message to that week's report page", async () => {
    const api = signedInApi(parent)
      .on("GET /api/main/notifications", page([{ ...report, data: { week: "2026-W49" } }], 1))
      .on("GET /api/main/notifications/channels", channels(false, false));
    await renderApp("/notifications", api);
    expect(await screen.findByRole("link", { name: "Hisobotni ochish" })).toHaveAttribute(
      "href",
      "/reports/weekly?week=2026-W49",
    );
  });
});

describe("channel choices", () => {
  const preferences = (weekly: string[]) => [
    { kind: "weekly_report", channels: weekly },
    { kind: "child_news", channels: [] },
  ];

  it("sends a kind of message also by Telegram once chosen; SMS, not set up, cannot be", async () => {
    let weekly: string[] = [];
    const api = signedInApi(parent)
      .on("GET /api/main/notifications", page([], 0))
      .on("GET /api/main/notifications/channels", channels(true, true))
      .on("GET /api/main/notifications/preferences", () => json(200, preferences(weekly)))
      .on("PUT /api/main/notifications/preferences/:kind", async (request: Request) => {
        weekly = ((await request.json()) as { channels: string[] }).channels;
        return json(200, { kind: "weekly_report", channels: weekly });
      });
    await renderApp("/notifications", api);
    const group = await screen.findByRole("group", { name: "Haftalik hisobot" });
    expect(screen.getByText("SMS: SMS xabarlar hozircha mavjud emas.")).toBeInTheDocument();
    expect(within(group).getByRole("checkbox", { name: "SMS" })).toBeDisabled();
    const telegram = within(group).getByRole("checkbox", { name: "Telegram" });
    expect(telegram).not.toBeChecked();
    await userEvent.setup().click(telegram);
    await waitFor(() => expect(telegram).toBeChecked());
    expect(api.called("PUT", "/api/main/notifications/preferences/weekly_report")[0]?.body).toEqual(
      { channels: ["telegram"] },
    );
    const news = screen.getByRole("group", { name: "Farzandlar yangiliklari" });
    expect(within(news).getByRole("checkbox", { name: "Telegram" })).not.toBeChecked();
  });

  it("shows Telegram, set up but not linked, unticked and unavailable, and says why", async () => {
    const api = signedInApi(parent)
      .on("GET /api/main/notifications", page([], 0))
      .on("GET /api/main/notifications/channels", channels(true, false))
      .on("GET /api/main/notifications/preferences", preferences([]));
    await renderApp("/notifications", api);
    const group = await screen.findByRole("group", { name: "Haftalik hisobot" });
    const telegram = within(group).getByRole("checkbox", { name: "Telegram" });
    expect(telegram).not.toBeChecked();
    expect(telegram).toBeDisabled();
    expect(telegram).toHaveAccessibleDescription(/Telegram/);
    expect(screen.getByText(/^Telegram: /)).toBeInTheDocument();
  });

  it("lets a chosen channel that stopped working be switched off, and shows a refusal", async () => {
    const api = signedInApi(parent)
      .on("GET /api/main/notifications", page([], 0))
      .on("GET /api/main/notifications/channels", channels(false, false))
      .on("GET /api/main/notifications/preferences", preferences(["telegram"]))
      .on("PUT /api/main/notifications/preferences/:kind", () =>
        apiError(503, "telegram_not_configured"),
      );
    await renderApp("/notifications", api);
    const group = await screen.findByRole("group", { name: "Haftalik hisobot" });
    expect(
      screen.getByText("Telegram: Telegram xabarlari hozircha mavjud emas."),
    ).toBeInTheDocument();
    const telegram = within(group).getByRole("checkbox", { name: "Telegram" });
    expect(telegram).toBeEnabled();
    await userEvent.setup().click(telegram);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Telegram xabarlari hozircha mavjud emas.",
    );
    expect(api.called("PUT", "/api/main/notifications/preferences/weekly_report")[0]?.body).toEqual(
      { channels: [] },
    );
  });
});
