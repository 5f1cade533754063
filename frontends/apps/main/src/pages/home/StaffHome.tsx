import { useMe } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { buttonClass, Card, Page } from "@alif/ui";

/** Admins and moderators work in the admin UI, which main serves with its own staff session. */
export default function StaffHome() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Page
      title={t("home.hello", { name: me.user.first_name })}
      subtitle={t(`roles.${me.user.role}`)}
    >
      <Card className="flex flex-col items-start gap-4">
        <h2 className="font-extrabold text-xl">
          <span aria-hidden="true">🛠️ </span>
          {t("staff.title")}
        </h2>
        <p className="text-muted">{t("staff.text")}</p>
        <a href="/api/main/admin" className={buttonClass("primary", "lg")}>
          {t("staff.open")}
        </a>
      </Card>
    </Page>
  );
}
