import { useTranslation } from "@alif/i18n";
import { buttonClass, EmptyState } from "@alif/ui";
import { Link } from "react-router";

/** Every app's 404: a page of its own, so its message is the page's heading, and the way home. */
export default function NotFound() {
  const { t } = useTranslation("common");
  return (
    <EmptyState
      icon="🧭"
      heading="h1"
      title={t("notFound.title")}
      action={
        <Link to="/" className={buttonClass("primary", "lg")}>
          {t("notFound.home")}
        </Link>
      }
    >
      {t("notFound.text")}
    </EmptyState>
  );
}
