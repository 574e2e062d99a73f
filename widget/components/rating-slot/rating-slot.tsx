import { useEffect, useState } from "preact/hooks";
import type { RatingKit } from "../../contract";
import { useWidget } from "../widget-context";

/**
 * Where the satisfaction prompt goes while the conversation is closed (SPEC §11). Its chunk comes
 * the first time; until then, or when it cannot load, nothing shows: the chat works without it.
 */
export function RatingSlot() {
  const { rating } = useWidget();
  const [kit, setKit] = useState<RatingKit | null>(null);
  useEffect(() => {
    rating().then(setKit, () => {});
  }, [rating]);
  return kit && <kit.Card />;
}
