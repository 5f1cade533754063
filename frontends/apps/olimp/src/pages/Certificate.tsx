import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { formatDate, useTranslation } from "@alif/i18n";
import { Alert, buttonClass, Card, Loading, Page } from "@alif/ui";
import { useEffect, useState } from "react";
import { useParams } from "react-router";
import type { CertificateView } from "../lib/queries.ts";

/**
 * The public page a certificate's QR code opens: what was printed, and whether it still stands.
 * No sign-in (the code is the secret), so no data cache either: one request, kept in state.
 */
export default function Certificate() {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const { code = "" } = useParams();
  const [found, setFound] = useState<CertificateView | "missing" | null>(null);
  useEffect(() => {
    call(api.olimp.GET("/api/olimp/certificates/{code}", { params: { path: { code } } })).then(
      setFound,
      () => setFound("missing"),
    );
  }, [api, code]);
  if (found === null) return <Loading />;
  if (found === "missing") {
    return (
      <Page title={t("certificate.heading")} narrow>
        <Alert tone="error" title={t("certificate.notFound")}>
          {t("certificate.notFoundHint", { code })}
        </Alert>
      </Page>
    );
  }
  return (
    <Page title={t("certificate.heading")} narrow>
      {found.valid ? (
        <Alert tone="success" title={t("certificate.valid")} />
      ) : (
        <Alert tone="error" title={t("certificate.revoked")}>
          {formatDate(found.revoked_at, i18n.language)}
        </Alert>
      )}
      <Card className="flex flex-col gap-2 text-center">
        <p className="font-bold text-muted">{t(`certificate.kinds.${found.kind}`)}</p>
        <p className="font-black text-3xl">{found.holder_name}</p>
        <p className="text-lg">{found.achievement}</p>
        <p className="font-bold">{found.title}</p>
        <p className="text-muted">
          {found.issuer} · {formatDate(found.issued_at, i18n.language)}
        </p>
        <p className="font-mono text-lg" data-testid="certificate-code">
          {found.code}
        </p>
      </Card>
      <a
        href={`/api/olimp/certificates/${encodeURIComponent(found.code)}/pdf`}
        className={buttonClass("secondary", "lg")}
        download
      >
        ⬇️ {t("certificate.pdf")}
      </a>
    </Page>
  );
}
