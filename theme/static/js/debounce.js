// Re-planning hundreds of people on each key press makes typing lag: wait for a pause.

// `run` once, `wait` ms after the last call; `.flush()` runs a pending call now.
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
