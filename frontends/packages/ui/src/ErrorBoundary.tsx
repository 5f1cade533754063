import { useTranslation } from "@alif/i18n";
import { Component, type ErrorInfo, type ReactNode } from "react";
import { Button } from "./Button.tsx";
import { EmptyState } from "./EmptyState.tsx";

function Fallback() {
  const { t } = useTranslation("common");
  return (
    <EmptyState
      icon="🛠️"
      title={t("states.crashed")}
      action={
        <Button size="lg" onClick={() => window.location.reload()}>
          {t("actions.reload")}
        </Button>
      }
    >
      {t("states.crashedText")}
    </EmptyState>
  );
}

/**
 * Whatever breaks while rendering (or a page's code that no longer exists after a new release)
 * shows a kind message and a reload button instead of a blank screen.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error("render failed", error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.failed ? <Fallback /> : this.props.children;
  }
}
