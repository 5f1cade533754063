import { errorMessage, useTranslation } from "@alif/i18n";
import { Alert, Button, Loading } from "@alif/ui";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";

/** Loading, error (with a retry) or the data of a query. */
export function QueryState<T>(props: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const { query } = props;
  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <Alert
        tone="error"
        action={
          <Button
            variant="secondary"
            onClick={() => void query.refetch()}
            loading={query.isFetching}
          >
            {t("common:actions.retry")}
          </Button>
        }
      >
        {errorMessage(t, query.error)}
      </Alert>
    );
  }
  return <>{props.children(query.data)}</>;
}
