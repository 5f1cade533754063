import { useTranslation } from "@alif/i18n";
import { buttonClass, EmptyState } from "@alif/ui";
import { Link } from "react-router";

export default function NotFound() {
  const { t } = useTranslation();
  return (
    <EmptyState
      icon="🧭"
      title={t("notFound")}
      action={
        <Link to="/" className={buttonClass("primary", "lg")}>
          {t("toStart")}
        </Link>
      }
    />
  );
}
