/**
 * An icon from constant markup, parsed as SVG: no HTML parsing of anything, ever. `paths` is the
 * SVG body in a 24×24 view box; never pass it text from outside the widget.
 */
export const svgIcon = (className: string, paths: string): Element =>
  new DOMParser().parseFromString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" class="${className}" aria-hidden="true">${paths}</svg>`, "image/svg+xml")
    .documentElement;

/** The cross of close and dismiss buttons. */
export const CLOSE_ICON = '<path d="M6 6l12 12M18 6 6 18" stroke="currentColor" stroke-width="2.4" stroke-linecap="round"/>';
