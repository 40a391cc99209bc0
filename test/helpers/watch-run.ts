// What a piece of work costs the rest of the process while it runs: how long it takes, the
// longest the event loop went without running a timer (what every other request waited), and
// the highest RSS. The document-limits test bounds the stall; its bench prints all three.

export interface WatchedRun<T> {
  result: T;
  ms: number;
  /** Longest time the event loop did not run the timer, up to the very end of the work. */
  stall: number;
  /** Highest process RSS seen while it ran (a worker thread's memory is the process's too). */
  peakRss: number;
}

/** Runs `work` under a timer firing every `everyMs` that notes stalls and RSS; rethrows what `work` throws. */
export async function watchRun<T>(work: () => Promise<T>, everyMs: number): Promise<WatchedRun<T>> {
  let peakRss = process.memoryUsage().rss;
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, everyMs);
  try {
    const start = performance.now();
    const result = await work();
    const end = performance.now();
    return { result, ms: end - start, stall: Math.max(stall, end - last), peakRss: Math.max(peakRss, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}
