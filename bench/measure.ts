/** Milliseconds a piece of work takes. */
export async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function printRow(what: string, figure: string, note = ''): void {
  console.log(`- ${what.padEnd(48)} ${figure}${note ? `  (${note})` : ''}`);
}
