import { call, type MainSchema } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, formatDate, useTranslation } from "@alif/i18n";
import {
  Alert,
  Button,
  buttonClass,
  Card,
  CardTitle,
  cx,
  EmptyState,
  Page,
  QueryState,
} from "@alif/ui";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import {
  channelsQuery,
  notificationKeys,
  notificationsQuery,
  preferencesQuery,
} from "../lib/queries.ts";
import { useAction } from "../lib/useAction.ts";

type Channel = MainSchema<"PreferenceRead">["channels"][number];
type Kind = MainSchema<"PreferenceRead">["kind"];
type ChannelState = MainSchema<"ChannelState">;

const CHANNELS: Channel[] = ["telegram", "sms"];

/** My notifications (newest first, unread in bold), linking Telegram, and where each kind goes. */
export default function Notifications() {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const list = useQuery(notificationsQuery(api));
  const readAll = useAction(async () => {
    await call(api.main.POST("/api/main/notifications/read", { body: {} }));
    await client.invalidateQueries({ queryKey: notificationKeys.all });
  });
  return (
    <Page title={t("notifications.title")}>
      <TelegramCard />
      <PreferencesCard />
      {readAll.error ? <Alert tone="error">{errorMessage(t, readAll.error)}</Alert> : null}
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState icon="🔔" title={t("notifications.empty")} />
          ) : (
            <section className="flex flex-col gap-3" aria-label={t("notifications.title")}>
              {data.unread > 0 ? (
                <Button
                  variant="secondary"
                  className="self-start"
                  loading={readAll.pending}
                  onClick={() => void readAll.run()}
                >
                  {t("notifications.readAll", { count: data.unread })}
                </Button>
              ) : null}
              <ul className="flex flex-col gap-3">
                {data.items.map((item) => (
                  <li key={item.id}>
                    <Card className={cx(item.read_at ? "" : "ring-2 ring-brand-300")}>
                      <h2 className={cx("text-lg", item.read_at ? "font-bold" : "font-extrabold")}>
                        {item.title}
                      </h2>
                      <p className="mt-1">{item.body}</p>
                      {item.kind === "weekly_report" && typeof item.data.week === "string" ? (
                        <Link
                          to={`/reports/weekly?week=${encodeURIComponent(item.data.week)}`}
                          className={cx(buttonClass("secondary"), "mt-3")}
                        >
                          {t("report.open")}
                        </Link>
                      ) : null}
                      <p className="mt-2 text-muted text-sm">
                        {formatDate(item.created_at, i18n.language, true)}
                      </p>
                    </Card>
                  </li>
                ))}
              </ul>
            </section>
          )
        }
      </QueryState>
    </Page>
  );
}

function TelegramCard() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const channels = useQuery(channelsQuery(api));
  const [link, setLink] = useState<MainSchema<"TelegramLinkCodeRead"> | null>(null);
  const create = useAction(async () => {
    setLink(await call(api.main.POST("/api/main/notifications/telegram/link")));
  });
  const telegram = channels.data?.telegram;
  if (!telegram) return null;
  return (
    <Card>
      <CardTitle>{t("notifications.telegramTitle")}</CardTitle>
      {!telegram.configured ? (
        <p className="text-muted">{t("notifications.telegramOff")}</p>
      ) : telegram.ready ? (
        <p>{t("notifications.telegramLinked")}</p>
      ) : link ? (
        <div className="flex flex-col gap-3">
          <p>{t("notifications.telegramSend")}</p>
          <strong className="self-start rounded-xl bg-sun-100 px-4 py-2 font-mono text-2xl tracking-widest">
            {link.code}
          </strong>
          <a className={buttonClass("primary")} href={link.url} target="_blank" rel="noreferrer">
            {t("notifications.openTelegram")}
          </a>
        </div>
      ) : (
        <>
          <p className="mb-4 text-muted">{t("notifications.telegramText")}</p>
          {create.error ? <Alert tone="error">{errorMessage(t, create.error)}</Alert> : null}
          <Button onClick={() => void create.run()} loading={create.pending}>
            {t("notifications.linkTelegram")}
          </Button>
        </>
      )}
    </Card>
  );
}

/** Why a channel cannot be chosen now, or null when it can. */
function unavailable(channel: Channel, state: ChannelState): string | null {
  if (!state.configured) return `${channel}_not_configured`;
  if (!state.ready) return channel === "sms" ? "no_phone_for_sms" : "telegram_not_linked";
  return null;
}

/** For each kind of message, the channels it also goes to besides the app. */
function PreferencesCard() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const channels = useQuery(channelsQuery(api));
  const preferences = useQuery(preferencesQuery(api));
  const save = useAction(async (kind: Kind, chosen: Channel[]) => {
    await call(
      api.main.PUT("/api/main/notifications/preferences/{kind}", {
        params: { path: { kind } },
        body: { channels: chosen },
      }),
    );
    await client.invalidateQueries({ queryKey: notificationKeys.preferences });
  });
  const states = channels.data;
  if (!states || !preferences.data) return null;
  return (
    <Card>
      <CardTitle>{t("notifications.channelsTitle")}</CardTitle>
      <p className="mb-4 text-muted">{t("notifications.channelsText")}</p>
      <ul className="mb-4 flex flex-col gap-1">
        {CHANNELS.map((channel) => {
          const reason = unavailable(channel, states[channel]);
          return reason ? (
            <li key={channel} id={`why-${channel}`} className="text-muted text-sm">
              {t(`notifications.channel.${channel}`)}: {t(`common:errors.${reason}`)}
            </li>
          ) : null;
        })}
      </ul>
      {save.error ? <Alert tone="error">{errorMessage(t, save.error)}</Alert> : null}
      <div className="flex flex-col gap-4">
        {preferences.data.map(({ kind, channels: chosen }) => (
          <fieldset key={kind} className="flex flex-col gap-1">
            <legend className="font-bold">{t(`notifications.kind.${kind}`)}</legend>
            {CHANNELS.map((channel) => {
              const off = unavailable(channel, states[channel]) !== null;
              const on = chosen.includes(channel);
              return (
                <label
                  key={channel}
                  className={cx("flex min-h-12 items-center gap-3", off && !on && "text-muted")}
                >
                  <input
                    type="checkbox"
                    className="size-6 accent-brand-600"
                    checked={on}
                    // A channel that stopped working can still be switched off.
                    disabled={save.pending || (off && !on)}
                    aria-describedby={off ? `why-${channel}` : undefined}
                    onChange={(e) =>
                      void save.run(
                        kind,
                        e.target.checked
                          ? [...chosen, channel]
                          : chosen.filter((c) => c !== channel),
                      )
                    }
                  />
                  {t(`notifications.channel.${channel}`)}
                </label>
              );
            })}
          </fieldset>
        ))}
      </div>
    </Card>
  );
}
