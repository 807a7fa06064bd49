/**
 * State a page or component keeps outside `data` — server views its rows are made from, timers,
 * sequence numbers that drop late replies, a busy flag: whatever is not rendered. One per
 * instance, typed, made on first use:
 *
 *   const runtimeOf = pageState<Runtime>(() => ({ seq: 0, busy: false }));
 *   …
 *   const rt = runtimeOf(this);
 */
export function pageState<T>(init: () => T): (instance: object) => T {
  const states = new WeakMap<object, T>();
  return (instance) => {
    let state = states.get(instance);
    if (state === undefined) {
      state = init();
      states.set(instance, state);
    }
    return state;
  };
}
