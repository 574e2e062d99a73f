import type { Signal } from "@preact/signals";

/** Radio buttons drawn as one segmented control, for a choice of two or three. */
export function ChoiceGroup<T extends string>(props: { legend: string; name: string; value: Signal<T>; choices: { value: T; label: string }[] }) {
  return (
    <fieldset class="choice-group">
      <legend class="field__label">{props.legend}</legend>
      <div class="choice-group__options">
        {props.choices.map((choice) => (
          <label key={choice.value} class="choice-group__option">
            <input
              type="radio"
              name={props.name}
              value={choice.value}
              checked={props.value.value === choice.value}
              onChange={() => (props.value.value = choice.value)}
            />
            <span>{choice.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
