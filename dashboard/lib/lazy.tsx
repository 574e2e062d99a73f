import { signal } from "@preact/signals";
import { h, type ComponentType, type JSX } from "preact";

/**
 * Code-splits a page: its module is fetched the first time it renders. Preact's own `lazy` lives
 * in preact/compat, which patches Preact globally; this is the little of it the dashboard needs.
 */
export function lazy<P extends object>(
  load: () => Promise<ComponentType<P>>,
  placeholder: () => JSX.Element,
): ComponentType<P> {
  const loaded = signal<ComponentType<P> | null>(null);
  const failed = signal(false);
  let pending: Promise<void> | null = null;

  const start = () => {
    pending ??= load().then(
      (component) => {
        loaded.value = component;
      },
      () => {
        pending = null;
        failed.value = true;
      },
    );
  };

  return function Lazy(props: P) {
    const Component = loaded.value;
    if (Component) return h(Component, props);
    if (failed.value) {
      return (
        <div class="lazy-failed" role="alert">
          <p>This part of the dashboard did not load. A new version may have been deployed.</p>
          <button type="button" class="button" onClick={() => location.reload()}>
            Reload the page
          </button>
        </div>
      );
    }
    start();
    return placeholder();
  };
}
