import type { Theme } from "@parley/protocol";

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

export const isHexColor = (value: string | undefined): value is string => HEX_COLOR.test(value ?? "");

/**
 * White or ink for text and icons drawn on the site colour: ink once the colour is light, by the
 * W3C's perceived-brightness formula (0.299 R + 0.587 G + 0.114 B).
 */
function inkOn(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  return r * 0.299 + g * 0.587 + b * 0.114 > 160 ? "#111827" : "#fff";
}

/**
 * Puts the theme on the widget's root: the colour as CSS variables, side and light/dark/auto as
 * attributes (the stylesheets follow the system setting for "auto").
 */
export function applyTheme(root: HTMLElement, theme: Theme): void {
  root.style.setProperty("--pa", theme.color);
  root.style.setProperty("--pa-ink", inkOn(theme.color));
  root.dataset.side = theme.position;
  root.dataset.mode = theme.mode;
}
