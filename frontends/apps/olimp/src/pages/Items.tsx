import { call } from "@alif/api";
import { MyCoins } from "@alif/app/wallet";
import { useAuth, useMe } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import { Alert, Button, Card, EmptyState, Field, Input, Page, QueryState } from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { type Item, itemsQuery, keys } from "../lib/queries.ts";

/** Add an item: the same title twice finds the first one (the server answers with it). */
function AddItem() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const [title, setTitle] = useState("");
  const add = useMutation({
    mutationFn: () => call(api.olimp.POST("/api/olimp/items", { body: { title: title.trim() } })),
    onSuccess: () => {
      setTitle("");
      void client.invalidateQueries({ queryKey: keys.items });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim()) add.mutate();
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
      <Field label={t("items.title")} className="flex-1">
        <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={120} required />
      </Field>
      <Button type="submit" size="lg" loading={add.isPending} disabled={!title.trim()}>
        {t("items.add")}
      </Button>
      {add.error ? <Alert tone="error">{errorMessage(t, add.error)}</Alert> : null}
    </form>
  );
}

function ItemRow(props: { item: Item }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: () =>
      call(
        api.olimp.DELETE("/api/olimp/items/{item_id}", {
          params: { path: { item_id: props.item.id } },
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: keys.items }),
  });
  return (
    <li className="flex min-h-14 items-center gap-3">
      <span className="flex-1 font-bold text-lg">{props.item.title}</span>
      <Button
        variant="secondary"
        loading={remove.isPending}
        onClick={() => remove.mutate()}
        aria-label={t("items.remove", { title: props.item.title })}
      >
        🗑️
      </Button>
    </li>
  );
}

export default function Items() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const me = useMe();
  const items = useQuery(itemsQuery(api));
  return (
    <Page title={t("items.heading")} actions={me.user.role === "student" ? <MyCoins /> : null}>
      <Card>
        <AddItem />
      </Card>
      <QueryState query={items}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState icon="📭" title={t("items.empty")} />
          ) : (
            <Card>
              <ul className="flex flex-col divide-y divide-slate-100">
                {page.items.map((item) => (
                  <ItemRow key={item.id} item={item} />
                ))}
              </ul>
            </Card>
          )
        }
      </QueryState>
    </Page>
  );
}
