import { ClockIcon } from "../icons";
import { useWidget } from "../widget-context";

/**
 * The state of the conversation in words: a human was asked for, or it has ended. The live
 * region always exists, so screen readers hear when its text appears.
 */
export function StatusBanner() {
  const { engine, t, availability } = useWidget();
  const status = engine.model.status.value;
  return (
    <div class="banner-slot" role="status">
      {status === "waiting" && (
        <p class="banner waiting">
          <ClockIcon />
          {/* A quick reply is promised only while someone is there to give it (SPEC §12). */}
          <span>{t(availability.agents_online ? "waitingBanner" : "waitingBannerLater")}</span>
        </p>
      )}
      {status === "closed" && <p class="banner closed">{t("closedBanner")}</p>}
    </div>
  );
}
