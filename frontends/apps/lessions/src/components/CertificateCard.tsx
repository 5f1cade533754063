import { useAuth } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { buttonClass, linkClass } from "@alif/ui";
import { useQuery } from "@tanstack/react-query";
import { certificateQuery } from "../lib/queries.ts";

/** The certificate of a completed course: the PDF to keep or print and its public check page. */
export function CertificateCard(props: { courseId: string; badge?: string }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const certificate = useQuery(certificateQuery(api, props.courseId));
  const c = certificate.data;
  if (!c) return null;
  return (
    <section
      aria-label={t("certificate.heading")}
      className="flex flex-wrap items-center gap-4 rounded-2xl bg-sun-100 p-4"
    >
      <span aria-hidden="true" className="text-5xl">
        {props.badge || "🏅"}
      </span>
      <div className="flex flex-1 flex-col">
        <p className="font-extrabold text-xl">{t("certificate.heading")}</p>
        <p className="text-muted">{t("certificate.code", { code: c.code })}</p>
      </div>
      <a href={c.pdf_url} download className={buttonClass("primary", "lg")}>
        📄 {t("certificate.download")}
      </a>
      <a href={c.verify_url} target="_blank" rel="noopener noreferrer" className={linkClass()}>
        {t("certificate.verify")}
      </a>
    </section>
  );
}
