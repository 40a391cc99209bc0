import type { Database } from '../db/database.js';
import { loadEmployeeUnitScopes } from '../people/unit-tree.js';

/**
 * An employee's unit code, then its ancestors' codes, nearest first: the scopes a Pilkada period
 * may be entered for, and the unit a check is counted under. Empty for an employee without a unit.
 * The org tree is walked in one place (people/unit-tree), as for holidays and schedules.
 */
export async function employeeUnitScopes(db: Database, employeeId: number): Promise<string[]> {
  return loadEmployeeUnitScopes(db, employeeId);
}
