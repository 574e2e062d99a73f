import { useWidget } from "../widget-context";

/** "Show earlier messages" at the top of a conversation that has more than is loaded. */
export function OlderButton({ loading, onClick }: { loading: boolean; onClick: () => void }) {
  const { t } = useWidget();
  return (
    <li class="older">
      <button type="button" onClick={onClick} disabled={loading}>
        {loading ? t("loading") : t("loadOlder")}
      </button>
    </li>
  );
}
