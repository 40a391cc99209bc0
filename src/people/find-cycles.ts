/**
 * The cycles in a graph where each node has at most one successor (an employee's supervisor, a
 * unit's parent), reached from `starts`. Each cycle is returned once, in walking order.
 */
export function findCycles<K>(next: (node: K) => K | undefined, starts: Iterable<K>): K[][] {
  const done = new Set<K>();
  const cycles: K[][] = [];
  for (const start of starts) {
    const path: K[] = [];
    const onPath = new Map<K, number>();
    let node: K | undefined = start;
    while (node !== undefined && !done.has(node)) {
      const seenAt = onPath.get(node);
      if (seenAt !== undefined) {
        cycles.push(path.slice(seenAt));
        break;
      }
      onPath.set(node, path.length);
      path.push(node);
      node = next(node);
    }
    // Whatever this walk touched is settled: a later walk that reaches it finds nothing new.
    for (const n of path) done.add(n);
  }
  return cycles;
}
