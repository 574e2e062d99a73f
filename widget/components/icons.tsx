/**
 * Inline icons; decorative, so hidden from screen readers (their buttons carry the label). A
 * `directional` icon points along the reading direction, so a right-to-left widget mirrors it.
 */
function Icon({ d, stroked = true, directional = false }: { d: string; stroked?: boolean; directional?: boolean }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" class={directional ? "icon directional" : "icon"}>
      <path
        d={d}
        fill={stroked ? "none" : "currentColor"}
        stroke={stroked ? "currentColor" : "none"}
        stroke-width="2"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  );
}

export const CloseIcon = () => <Icon d="M6 6l12 12M18 6 6 18" />;
export const BackIcon = () => <Icon d="M15 18l-6-6 6-6" directional />;
export const ChevronIcon = () => <Icon d="M9 18l6-6-6-6" directional />;
export const ListIcon = () => <Icon d="M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01" directional />;
export const ClockIcon = () => <Icon d="M12 7v5l3 2M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z" />;
export const PersonIcon = () => <Icon d="M20 21a8 8 0 0 0-16 0M12 13a4 4 0 1 0 0-8 4 4 0 0 0 0 8z" />;
export const SendIcon = () => <Icon d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z" stroked={false} directional />;
