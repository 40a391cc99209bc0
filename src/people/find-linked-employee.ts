import { employeeZone } from '../calendar/local-time.js';
import type { Database } from '../db/database.js';

export interface LinkedEmployee {
  id: number;
  nip: string;
  name: string;
  position: string | null;
  grade: string | null;
  email: string | null;
  /** The employee's own zone, else the unit's: when reminders are due for them. */
  timeZone: string;
  chatId: bigint;
  unit: { code: string; name: string } | null;
  supervisor: { nip: string; name: string } | null;
}

/**
 * The employee linked to a Telegram account, with their unit and direct supervisor, or null.
 * An inactive employee counts as not linked: someone who has left keeps no access.
 */
export async function findLinkedEmployee(db: Database, telegramUserId: bigint): Promise<LinkedEmployee | null> {
  const account = await db.prisma.telegramAccount.findUnique({
    where: { telegramUserId },
    include: {
      employee: {
        include: {
          unit: { select: { code: true, name: true, timeZone: true } },
          supervisor: { select: { nip: true, name: true } },
        },
      },
    },
  });
  const e = account?.employee;
  if (!account || !e?.active) return null;
  return {
    id: e.id,
    nip: e.nip,
    name: e.name,
    position: e.position,
    grade: e.grade,
    email: e.email,
    timeZone: employeeZone(e),
    chatId: account.chatId,
    unit: e.unit ? { code: e.unit.code, name: e.unit.name } : null,
    supervisor: e.supervisor,
  };
}
