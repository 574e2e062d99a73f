/**
 * A constructable stylesheet, for a shadow root's `adoptedStyleSheets`. A strict CSP
 * (`style-src 'self'`) blocks `<style>` elements and `style` attributes, not sheets built in script,
 * so the widget stays styled on pages that allow no inline styles.
 */
export function styleSheet(css: string): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  return sheet;
}
