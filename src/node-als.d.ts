/**
 * The one Node API the worker uses, as the `nodejs_als` compatibility flag provides it (without
 * the whole of Node's types, which would let other Node APIs type-check and fail at run time).
 */
declare module "node:async_hooks" {
  export class AsyncLocalStorage<T> {
    run<R>(store: T, callback: () => R): R;
    getStore(): T | undefined;
  }
}
