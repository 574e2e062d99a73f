import { useSignal } from "@preact/signals";
import { showNotice } from "../../state/notices";
import { newIdentitySecret } from "../../state/settings/site-admin";
import { ConfirmDialog } from "../confirm-dialog/ConfirmDialog";
import { CopyField } from "../copy-field/CopyField";
import { Icon } from "../icon/Icon";
import "./identity-secret.css";

/**
 * Identity verification (SPEC §4.9): the secret a site's server signs its users' ids with. It is
 * shown once, right after it is made; rotating asks first, as the old one stops at once.
 */
export function IdentitySecret({ siteId, enabled }: { siteId: string; enabled: boolean }) {
  const secret = useSignal<string | null>(null);
  const confirming = useSignal(false);
  const busy = useSignal(false);

  const generate = async () => {
    busy.value = true;
    try {
      secret.value = await newIdentitySecret(siteId);
    } catch (error) {
      showNotice({ tone: "error", text: `No new secret was made: ${error instanceof Error ? error.message : "try again"}` });
    } finally {
      busy.value = false;
    }
  };

  return (
    <div class="identity-secret">
      <p class="identity-secret__lead">
        Your server signs each signed-in user's id with this secret (<code>HMAC-SHA256</code>, in hex) and the page passes it to{" "}
        <code>Parley("identify", …)</code>. Verified users find their conversations on any device.
      </p>
      <p class="identity-secret__state">
        <Icon name={enabled ? "verified" : "lock"} />
        {enabled ? "A secret is set. It is never shown again." : "No secret yet: identify calls are refused."}
      </p>
      {secret.value && (
        <div class="identity-secret__shown">
          <p class="form-notice" role="alert">
            <Icon name="alert" class="form-notice__icon" />
            <span>Copy this secret now and keep it on your server: it will not be shown again.</span>
          </p>
          <CopyField label="Identity secret" value={secret.value} />
        </div>
      )}
      <button type="button" class="button identity-secret__action" disabled={busy.value} onClick={() => (enabled ? (confirming.value = true) : generate())}>
        <Icon name="key" />
        {enabled ? "Rotate secret" : "Generate secret"}
      </button>
      {confirming.value && (
        <ConfirmDialog
          title="Rotate the identity secret?"
          confirmLabel="Rotate secret"
          danger
          onClose={(confirmed) => {
            confirming.value = false;
            if (confirmed) void generate();
          }}
        >
          <p>The current secret stops working at once: until your server uses the new one, identify calls are refused and visitors are not recognised.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
