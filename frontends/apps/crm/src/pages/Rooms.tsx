import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { fieldError, formError } from "@alif/i18n/forms";
import { Alert, Button, Card, EmptyState, Field, Input, Page, QueryState } from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useOffice } from "../lib/office.ts";
import { keys, roomsQuery } from "../lib/queries.ts";

export default function Rooms() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const client = useQueryClient();
  const rooms = useQuery(roomsQuery(api, office.id));
  const [name, setName] = useState("");
  const [seats, setSeats] = useState("12");
  const add = useMutation({
    mutationFn: () =>
      call(
        api.crm.POST("/api/crm/organizations/{organization_id}/rooms", {
          params: { path: { organization_id: office.id } },
          body: { name: name.trim(), seats: Number(seats) },
        }),
      ),
    onSuccess: () => {
      setName("");
      void client.invalidateQueries({ queryKey: keys.rooms(office.id) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  const banner = formError(add.error, t, ["name", "seats"]);
  return (
    <Page title={t("rooms.heading")}>
      <Card>
        <form
          onSubmit={submit}
          className="grid gap-3 sm:grid-cols-[2fr_1fr_auto] sm:items-end"
          noValidate
        >
          <Field label={t("label.roomName")} error={fieldError(add.error, "name", t)}>
            <Input value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} />
          </Field>
          <Field label={t("label.seats")} error={fieldError(add.error, "seats", t)}>
            <Input
              type="number"
              min={1}
              inputMode="numeric"
              value={seats}
              onChange={(e) => setSeats(e.target.value)}
              required
            />
          </Field>
          <Button type="submit" loading={add.isPending} disabled={!name.trim()}>
            {t("rooms.add")}
          </Button>
        </form>
        {banner ? (
          <Alert tone="error" className="mt-3">
            {banner}
          </Alert>
        ) : null}
      </Card>
      <QueryState query={rooms}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState icon="🚪" title={t("rooms.empty")} />
          ) : (
            <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
              {list.map((room) => (
                <li key={room.id}>
                  <Card>
                    <p className="font-extrabold text-lg">{room.name}</p>
                    <p className="text-muted">{t("rooms.seats", { count: room.seats })}</p>
                  </Card>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Page>
  );
}
