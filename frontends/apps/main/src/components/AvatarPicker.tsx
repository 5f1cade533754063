import { call, type MainSchema } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import { Alert, AVATARS, buttonClass, cx, Dialog, ShopPicture, useToast } from "@alif/ui";
import { useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { shopKeys } from "../lib/queries.ts";
import { useAction } from "../lib/useAction.ts";

/** A child picks their picture: the free animals and the avatars bought in the shop. */
export function AvatarPicker(props: {
  current: string;
  bought: MainSchema<"ShopItemRead">[];
  onClose(): void;
}) {
  const { t } = useTranslation();
  const auth = useAuth();
  const toast = useToast();
  const client = useQueryClient();
  const save = useAction(async (avatar: string) => {
    await call(auth.api.main.PATCH("/api/main/me", { body: { avatar } }));
    await auth.reload();
    void client.invalidateQueries({ queryKey: shopKeys.inventory });
    toast.show(t("student.avatarSaved"));
    props.onClose();
  });
  const choice = (key: string, label: string, picture: ReactNode) => (
    <li key={key}>
      <button
        type="button"
        aria-label={label}
        aria-pressed={props.current === key}
        disabled={save.pending}
        onClick={() => void save.run(key)}
        className={cx(
          "flex aspect-square w-full items-center justify-center overflow-hidden rounded-2xl text-4xl transition-transform active:scale-95",
          props.current === key
            ? "bg-brand-100 ring-4 ring-brand-500"
            : "bg-slate-50 hover:bg-brand-50",
        )}
      >
        {picture}
      </button>
    </li>
  );
  return (
    <Dialog open onClose={props.onClose} title={t("student.chooseAvatar")}>
      {save.error ? <Alert tone="error">{errorMessage(t, save.error)}</Alert> : null}
      <ul className="grid grid-cols-4 gap-3">
        {props.bought.map((item) =>
          choice(item.code, item.name, <ShopPicture code={item.code} image={item.image} />),
        )}
        {Object.entries(AVATARS).map(([key, emoji]) =>
          choice(key, key, <span aria-hidden="true">{emoji}</span>),
        )}
      </ul>
      <Link to="/shop" className={buttonClass("ghost", "md", "self-start")}>
        <span aria-hidden="true">🛍️</span> {t("student.moreInShop")}
      </Link>
    </Dialog>
  );
}
