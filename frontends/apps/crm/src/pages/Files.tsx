import { ApiError, call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import { Alert, Button, Card, CardTitle, Field, Input, Page, useToast } from "@alif/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ExportButton } from "../components/ExportButton.tsx";
import { useOffice } from "../lib/office.ts";
import { keys } from "../lib/queries.ts";

type Kind = "students" | "leads";

interface BadRow {
  row: number;
  errors: { field: string; message: string }[];
}

/** The refused rows of an import, as the server listed them; nothing was written. */
export function badRows(error: unknown): BadRow[] {
  if (!(error instanceof ApiError) || error.code !== "import_invalid") return [];
  const rows = error.details.rows;
  return Array.isArray(rows) ? (rows as BadRow[]) : [];
}

function Import(props: { kind: Kind }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const client = useQueryClient();
  const toast = useToast();
  const [file, setFile] = useState<File | null>(null);
  const path =
    props.kind === "students"
      ? ("/api/crm/organizations/{organization_id}/imports/students" as const)
      : ("/api/crm/organizations/{organization_id}/imports/leads" as const);
  const upload = useMutation({
    mutationFn: () => {
      const form = new FormData();
      if (file) form.append("file", file);
      return call(
        api.crm.POST(path, {
          params: { path: { organization_id: office.id } },
          // The file goes as it is: multipart, with the boundary the browser writes.
          body: form as unknown as { file: string },
          bodySerializer: (body) => body as unknown as FormData,
        }),
      );
    },
    onSuccess: (done) => {
      toast.show(t("files.imported", { count: done.created }), "success");
      void client.invalidateQueries({ queryKey: keys.office(office.id) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    upload.mutate();
  };
  const rows = badRows(upload.error);
  return (
    <Card className="flex flex-col gap-3">
      <CardTitle>{t(`files.import.${props.kind}`)}</CardTitle>
      <p className="text-muted text-sm">{t(`files.columns.${props.kind}`)}</p>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <Field label={t("files.file")} className="flex-1">
          <Input
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </Field>
        <Button type="submit" loading={upload.isPending} disabled={!file}>
          {t("files.upload")}
        </Button>
      </form>
      {upload.error ? <Alert tone="error">{errorMessage(t, upload.error)}</Alert> : null}
      {rows.length > 0 ? (
        <table className="w-full text-left text-sm">
          <caption className="text-left font-bold">{t("files.report")}</caption>
          <thead className="text-muted">
            <tr>
              <th scope="col" className="py-1 pr-3">
                {t("files.row")}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t("files.column")}
              </th>
              <th scope="col" className="py-1">
                {t("files.problem")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.flatMap((r) =>
              r.errors.map((e) => (
                <tr key={`${r.row}-${e.field}-${e.message}`}>
                  <td className="py-1 pr-3 font-bold">{r.row}</td>
                  <td className="py-1 pr-3">{e.field}</td>
                  <td className="py-1">{e.message}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      ) : null}
    </Card>
  );
}

/** Excel in and out: an import is all or nothing, with a row-by-row report of what is wrong. */
export default function Files() {
  const { t } = useTranslation();
  const office = useOffice();
  return (
    <Page title={t("files.heading")}>
      <div className="grid gap-4 lg:grid-cols-2">
        {office.can("manage_students") ? <Import kind="students" /> : null}
        {office.can("manage_leads") ? <Import kind="leads" /> : null}
      </div>
      <Card className="flex flex-col gap-3">
        <CardTitle>{t("files.exports")}</CardTitle>
        <div className="flex flex-wrap gap-3">
          {office.can("view_students") ? <ExportButton what="students" /> : null}
          {office.can("manage_leads") ? <ExportButton what="leads" /> : null}
          {office.can("view_money") ? <ExportButton what="debtors" /> : null}
          {office.can("view_groups") ? <ExportButton what="groups" /> : null}
          {office.can("view_money") ? <ExportButton what="payments" /> : null}
          {office.can("money_reports") ? <ExportButton what="money-entries" /> : null}
        </div>
      </Card>
    </Page>
  );
}
