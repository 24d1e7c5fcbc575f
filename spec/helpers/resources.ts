/** The active handles and requests that would show a leak (sockets, servers, timers, DNS requests). */
export function activeResources(): string[] {
  return process
    .getActiveResourcesInfo()
    .filter((name) => name !== 'TTYWrap' && name !== 'PipeWrap' && name !== 'FSReqCallback')
    .sort();
}

/** What `now` holds beyond `baseline` (a multiset difference). */
function beyond(baseline: readonly string[], now: readonly string[]): string[] {
  const left = [...baseline];
  return now.filter((name) => {
    const index = left.indexOf(name);
    if (index === -1) return true;
    left.splice(index, 1);
    return false;
  });
}

/**
 * Waits (a bounded number of event-loop turns: a destroyed socket's handle
 * closes asynchronously) until nothing is open beyond `baseline`, and returns
 * what still is — `[]` when nothing leaked. Things open in the baseline may
 * have closed meanwhile (a previous test's sockets): only additions count.
 */
export async function leakedSince(baseline: readonly string[], ms = 2000): Promise<string[]> {
  const deadline = Date.now() + ms;
  let extra = beyond(baseline, activeResources());
  for (let turn = 0; extra.length > 0 && Date.now() < deadline; turn++) {
    await new Promise((resolve) => (turn < 20 ? setImmediate(resolve) : setTimeout(resolve, 5)));
    extra = beyond(baseline, activeResources());
  }
  return extra;
}
