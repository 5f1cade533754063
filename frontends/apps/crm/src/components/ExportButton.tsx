import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import { Alert, Button } from "@alif/ui";
import { useMutation } from "@tanstack/react-query";
import { useOffice } from "../lib/office.ts";

export type Export =
  | "students"
  | "leads"
  | "debtors"
  | "groups"
  | "lessons"
  | "payments"
  | "money-entries";

/** Download a list as Excel, with the filters the list shows (the server applies the same
 * permissions and filters as the list itself). */
export function ExportButton(props: { what: Export; query?: Record<string, string> }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const path = `/api/crm/organizations/{organization_id}/exports/${props.what}.xlsx` as const;
  const download = useMutation({
    mutationFn: async () => {
      const { data, error, response } = await api.crm.GET(path, {
        // The query type differs by list; each list passes the filters its export takes.
        params: { path: { organization_id: office.id }, query: props.query as never },
        parseAs: "blob",
      });
      if (!response.ok || !data) {
        return call(Promise.resolve({ data: undefined, error, response }));
      }
      const link = document.createElement("a");
      link.href = URL.createObjectURL(data as Blob);
      link.download = `${props.what}.xlsx`;
      link.click();
      URL.revokeObjectURL(link.href);
    },
  });
  return (
    <div className="flex flex-col gap-2">
      <Button variant="secondary" loading={download.isPending} onClick={() => download.mutate()}>
        {t(`files.export.${props.what}`)}
      </Button>
      {download.error ? <Alert tone="error">{errorMessage(t, download.error)}</Alert> : null}
    </div>
  );
}
