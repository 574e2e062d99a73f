import type { ResolvedOptions, WidgetOptions } from "../contract";
import { SCRIPT_BASE } from "./script";

const oneOf = <T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined =>
  allowed.find((item) => item === value);

/** The server defaults to where widget.js came from. */
export function resolveOptions(options: WidgetOptions): ResolvedOptions {
  return { ...options, backendUrl: (options.backendUrl ?? SCRIPT_BASE).replace(/\/+$/, "") };
}

/** The common options as the snippet's data attributes (SPEC §8); null without `data-site`. */
export function optionsFromScript(script: HTMLScriptElement): WidgetOptions | null {
  const data = script.dataset;
  if (!data.site) return null;
  return {
    siteKey: data.site,
    position: oneOf(data.position, ["left", "right"]),
    theme: oneOf(data.theme, ["light", "dark", "auto"]),
    color: data.color,
    locale: data.locale,
    autoOpen: data.autoOpen !== undefined && data.autoOpen !== "false",
  };
}
