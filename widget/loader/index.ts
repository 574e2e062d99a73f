import { installGlobalApi } from "./global-api";
import { optionsFromScript } from "./options";
import { ParleyWidget } from "./parley-widget";
import { SCRIPT } from "./script";

// A page that includes the snippet twice still gets one widget.
if (!window.ParleyWidget) {
  window.ParleyWidget = ParleyWidget;
  const options = SCRIPT && optionsFromScript(SCRIPT);
  if (options) installGlobalApi(new ParleyWidget(options));
}
