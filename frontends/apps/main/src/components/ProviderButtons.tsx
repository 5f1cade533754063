import { Button } from "@alif/ui";

export type Provider = "payme" | "click";

const PROVIDERS: { id: Provider; name: string }[] = [
  { id: "payme", name: "Payme" },
  { id: "click", name: "Click" },
];

/** The two ways to pay (a plan's order, a centre's tuition bill); the chosen one spins. */
export function ProviderButtons(props: {
  pending: boolean;
  choice: Provider | null;
  onChoose: (provider: Provider) => void;
}) {
  return (
    <div className="grid grid-cols-2 gap-3">
      {PROVIDERS.map((provider) => (
        <Button
          key={provider.id}
          size="lg"
          variant="secondary"
          loading={props.pending && props.choice === provider.id}
          disabled={props.pending}
          onClick={() => props.onChoose(provider.id)}
        >
          {provider.name}
        </Button>
      ))}
    </div>
  );
}
