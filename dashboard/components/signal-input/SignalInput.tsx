import type { Signal } from "@preact/signals";
import type { JSX, Ref } from "preact";

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "value" | "onInput" | "ref">;

/**
 * An `<input>` that shows one signal and writes what is typed back into it; every other attribute
 * passes through. `inputRef` reaches the element (a function component gets no `ref`).
 */
export function SignalInput({ value, inputRef, ...rest }: InputProps & { value: Signal<string>; inputRef?: Ref<HTMLInputElement> | undefined }) {
  return <input {...rest} ref={inputRef} value={value.value} onInput={(event) => (value.value = event.currentTarget.value)} />;
}
