// Re-planning hundreds of people on every key press makes typing lag: the page waits until
// the reader pauses. Pure timing helper, no DOM, so node --test can drive it with mock timers.

/** `run` called once, `wait` ms after the last call; `.flush()` runs a pending call now. */
export function debounce(run, wait) {
  let timer = null;
  const later = () => {
    timer = null;
    run();
  };
  const call = () => {
    clearTimeout(timer);
    timer = setTimeout(later, wait);
  };
  call.flush = () => {
    if (timer !== null) {
      clearTimeout(timer);
      later();
    }
  };
  return call;
}
