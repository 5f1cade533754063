import { ApiError, call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { fieldError, formError } from "@alif/i18n/forms";
import { Alert, Button, Card, Field, Input, linkClass, Page, Select, useToast } from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { Link, useNavigate } from "react-router";
import { type ChildDraft, ChildFields, childBody } from "../components/ChildFields.tsx";
import { newKey } from "../lib/coins.ts";
import { keys, mySubscriptionQuery } from "../lib/queries.ts";

const RELATIONS = ["mother", "father", "grandparent", "guardian", "other"] as const;
type Relation = (typeof RELATIONS)[number];

export default function AddChild() {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const mine = useQuery(mySubscriptionQuery(api, i18n.language));
  const toast = useToast();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [draft, setDraft] = useState<ChildDraft>({
    first_name: "",
    last_name: "",
    birth_date: "",
    grade: "",
    school_name: "",
  });
  const [username, setUsername] = useState("");
  const [pin, setPin] = useState("");
  const [repeat, setRepeat] = useState("");
  const [relation, setRelation] = useState<Relation>("guardian");
  const [pinMismatch, setPinMismatch] = useState(false);

  // One key per child the parent means to add: sending the same form again (a retry after an
  // error or a lost answer) reuses it, so the server adds the child once; a changed form is a new
  // request with a new key.
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const create = useMutation({
    mutationFn: () => {
      const body = { ...childBody(draft), username, pin, relation };
      const sent = JSON.stringify(body);
      if (attempt.current?.body !== sent) attempt.current = { body: sent, key: newKey() };
      return call(
        api.main.POST("/api/main/children", {
          body,
          params: { header: { "Idempotency-Key": attempt.current.key } },
        }),
      );
    },
    onSuccess: (child) => {
      void client.invalidateQueries({ queryKey: keys.children });
      toast.show(t("childForm.created", { name: child.first_name }));
      navigate(`/children/${child.id}`, { replace: true });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPinMismatch(pin !== repeat);
    if (pin === repeat) create.mutate();
  };
  const error = create.error;
  const usernameError =
    error instanceof ApiError && error.code === "username_taken"
      ? t("common:errors.username_taken")
      : fieldError(error, "username", t);
  const banner =
    error instanceof ApiError && error.code === "username_taken"
      ? null
      : formError(error, t, ["first_name", "username", "pin", "birth_date"]);

  return (
    <Page
      title={t("childForm.addTitle")}
      subtitle={t("childForm.addSubtitle")}
      back={
        <Link to="/home" className={linkClass("self-start")}>
          ← {t("common:actions.back")}
        </Link>
      }
      narrow
    >
      <Card>
        <form onSubmit={submit} className="flex flex-col gap-5" noValidate>
          {mine.data?.seats_left === 0 ? (
            <Alert tone="warning">
              {t("billing.seatsFull")}{" "}
              <Link to="/subscription" className={linkClass()}>
                {t("billing.open")}
              </Link>
            </Alert>
          ) : null}
          {banner ? <Alert tone="error">{banner}</Alert> : null}
          <ChildFields
            value={draft}
            onChange={setDraft}
            errors={{
              first_name: fieldError(error, "first_name", t),
              birth_date: fieldError(error, "birth_date", t),
            }}
          />
          <Field
            label={t("childForm.username")}
            hint={t("childForm.usernameHint")}
            error={usernameError}
          >
            <Input
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              autoCapitalize="none"
              autoCorrect="off"
              autoComplete="off"
              spellCheck={false}
              required
            />
          </Field>
          <div className="grid gap-5 sm:grid-cols-2">
            <Field
              label={t("childForm.pin")}
              hint={t("childForm.pinHint")}
              error={fieldError(error, "pin", t)}
            >
              <Input
                value={pin}
                onChange={(e) => setPin(e.target.value.replace(/\D/g, "").slice(0, 6))}
                inputMode="numeric"
                autoComplete="new-password"
                required
                className="font-mono text-2xl tracking-[0.3em]"
              />
            </Field>
            <Field
              label={t("childForm.pinRepeat")}
              error={pinMismatch ? t("fields.pinMismatch") : undefined}
            >
              <Input
                value={repeat}
                onChange={(e) => setRepeat(e.target.value.replace(/\D/g, "").slice(0, 6))}
                inputMode="numeric"
                autoComplete="new-password"
                required
                className="font-mono text-2xl tracking-[0.3em]"
              />
            </Field>
          </div>
          <Field label={t("childForm.relation")}>
            <Select value={relation} onChange={(e) => setRelation(e.target.value as Relation)}>
              {RELATIONS.map((r) => (
                <option key={r} value={r}>
                  {t(`childForm.relations.${r}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Button
            type="submit"
            size="lg"
            block
            loading={create.isPending}
            disabled={
              !draft.first_name.trim() || username.trim().length < 3 || pin.length < 4 || !repeat
            }
          >
            {t("childForm.create")}
          </Button>
        </form>
      </Card>
    </Page>
  );
}
