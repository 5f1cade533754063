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
import { channelsQuery, notificationKeys, notificationsQuery } from "../lib/queries.ts";
import { useAction } from "../lib/useAction.ts";

/** My notifications (newest first, unread in bold) and linking Telegram to receive them there. */
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
