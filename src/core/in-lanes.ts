// A bounded number of async tasks at a time (the import tries a few videos at once: one at a
// time is slow, all at once exhausts the browser's media players).

/** Runs `task` on every item, at most `lanes` at once; results in the items' order. */
export async function inLanes<T, R>(items: readonly T[], lanes: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, items.length)) }, lane));
  return results;
}
