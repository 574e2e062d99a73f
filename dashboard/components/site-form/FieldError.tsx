/** The server's words about one field, under it; the field names it in `aria-describedby`. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p class="field__error" id={id}>
      {message}
    </p>
  ) : null;
}

/**
 * The attributes that tie a field to its hint and, when it has one, its error: the label alone
 * names the field, the hint and the error describe it.
 */
export function describedProps(errorId: string, message: string | undefined, hintId?: string) {
  const describedBy = [hintId, message ? errorId : undefined].filter(Boolean).join(" ");
  return { "aria-invalid": message ? ("true" as const) : undefined, "aria-describedby": describedBy || undefined };
}
