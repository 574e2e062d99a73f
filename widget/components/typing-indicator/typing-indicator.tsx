import { useWidget } from "../widget-context";

/** "Sam is typing…" while an agent types (typing frames from the other side). */
export function TypingIndicator() {
  const { engine, t } = useWidget();
  const person = engine.model.typing.value;
  if (!person) return null;
  return (
    <p class="typing">
      <span class="dots" aria-hidden="true">
        <i />
        <i />
        <i />
      </span>
      {t("typing", { name: person.senderType === "bot" ? t("assistant") : person.name })}
    </p>
  );
}
