/**
 * For each unit, the scopes that apply to its employees: its own code, then its ancestors' codes,
 * nearest first (regional holidays and schedule overrides are inherited by sub-units). Computed
 * once per unit; a cycle in the tree (a data error) ends the chain instead of looping.
 */
export function unitScopesOf(
  units: readonly { id: number; code: string; parentId: number | null }[],
): (unitId: number | null) => string[] {
  const unitById = new Map(units.map((u) => [u.id, u]));
  const scopesOf = new Map<number, string[]>();
  return (unitId) => {
    if (unitId === null) return [];
    const known = scopesOf.get(unitId);
    if (known) return known;
    const scopes: string[] = [];
    const seen = new Set<number>();
    for (let u = unitById.get(unitId); u && !seen.has(u.id); u = u.parentId ? unitById.get(u.parentId) : undefined) {
      seen.add(u.id);
      scopes.push(u.code);
    }
    scopesOf.set(unitId, scopes);
    return scopes;
  };
}
