/**
 * Requests that overlap (a preview asked again before the last one answered) can answer out of
 * order. Only the latest request's answer counts: an earlier one arriving last would show a report
 * that disagrees with the choices on screen.
 */
export type Outcome<T> = { latest: true; value: T } | { latest: false };

export function latestOnly() {
  let last = 0;
  return {
    async run<T>(work: () => Promise<T>): Promise<Outcome<T>> {
      const mine = ++last;
      const value = await work();
      return mine === last ? { latest: true, value } : { latest: false };
    },
  };
}
