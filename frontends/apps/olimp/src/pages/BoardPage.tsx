import { useAuth } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { Alert, Button, Card, cx, Field, Input, Loading, linkClass, Page, Select } from "@alif/ui";
import { type FormEvent, useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { BoardTable } from "../components/BoardTable.tsx";
import { type BoardFilters, BoardSocket, boardUrl, type LiveState } from "../lib/board.ts";
import { type Board, GRADES, REGIONS } from "../lib/queries.ts";

function Filters(props: { value: BoardFilters; onChange(value: BoardFilters): void }) {
  const { t } = useTranslation();
  const [district, setDistrict] = useState(props.value.district ?? "");
  const [school, setSchool] = useState(props.value.school ?? "");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onChange({ ...props.value, district: district.trim(), school: school.trim() });
  };
  return (
    <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end">
      <Field label={t("register.region")}>
        <Select
          value={props.value.region ?? ""}
          onChange={(e) => props.onChange({ ...props.value, region: e.target.value || undefined })}
        >
          <option value="">{t("board.all")}</option>
          {REGIONS.map((r) => (
            <option key={r} value={r}>
              {t(`common:regions.${r}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("register.district")}>
        <Input value={district} maxLength={100} onChange={(e) => setDistrict(e.target.value)} />
      </Field>
      <Field label={t("register.school")}>
        <Input value={school} maxLength={200} onChange={(e) => setSchool(e.target.value)} />
      </Field>
      <Field label={t("board.grade")}>
        <Select
          value={props.value.grade ?? ""}
          onChange={(e) =>
            props.onChange({
              ...props.value,
              grade: e.target.value ? Number(e.target.value) : undefined,
            })
          }
        >
          <option value="">{t("board.all")}</option>
          {GRADES.map((g) => (
            <option key={g} value={g}>
              {t("grade", { grade: g })}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" variant="secondary" size="lg">
        {t("board.apply")}
      </Button>
    </form>
  );
}

function LiveBadge(props: { state: LiveState }) {
  const { t } = useTranslation();
  return (
    <span
      role="status"
      data-testid="live"
      data-state={props.state}
      className={cx(
        "rounded-full px-3 py-1 font-bold text-sm",
        props.state === "live" ? "bg-red-100 text-red-900" : "bg-slate-100 text-slate-800",
      )}
    >
      {props.state === "live" ? "● " : ""}
      {t(`board.states.${props.state}`)}
    </span>
  );
}

/** The round's board, live over a WebSocket through the gateway, with its filters. */
export default function BoardPage() {
  const { t } = useTranslation();
  const { session } = useAuth();
  const { olympiadId = "", roundId = "" } = useParams();
  const [filters, setFilters] = useState<BoardFilters>({});
  const [board, setBoard] = useState<Board | null>(null);
  const [live, setLive] = useState<{ state: LiveState; reason?: string }>({ state: "connecting" });
  useEffect(() => {
    const socket = new BoardSocket({
      url: boardUrl(window.location.origin, roundId, filters),
      token: () => session.accessToken(),
      onBoard: setBoard,
      onState: (state, reason) => setLive({ state, reason }),
    });
    socket.start();
    return () => socket.stop();
  }, [session, roundId, filters]);
  return (
    <Page
      title={t("board.heading")}
      back={
        <Link to={`/olympiads/${olympiadId}`} className={linkClass()}>
          ← {t("paper.back")}
        </Link>
      }
      actions={<LiveBadge state={live.state} />}
    >
      <Card>
        <Filters value={filters} onChange={setFilters} />
      </Card>
      {live.state === "refused" ? (
        <Alert tone="error">{t(`common:errors.${live.reason || "not_authenticated"}`)}</Alert>
      ) : null}
      {board?.frozen ? (
        <Alert tone="info" icon="❄️" title={t("board.frozenTitle")}>
          <span data-testid="frozen">{t("board.frozen")}</span>
        </Alert>
      ) : null}
      {board ? <BoardTable board={board} /> : live.state !== "refused" ? <Loading /> : null}
    </Page>
  );
}
