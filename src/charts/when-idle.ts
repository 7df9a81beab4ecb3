/** Runs `task` when the page is idle (after a short delay where requestIdleCallback is missing, as in Safari). */
export function whenIdle(task: () => void): { cancel: () => void } {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(task, { timeout: 2_000 });
    return { cancel: () => cancelIdleCallback(id) };
  }
  const id = setTimeout(task, 300);
  return { cancel: () => clearTimeout(id) };
}
