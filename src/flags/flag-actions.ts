import type { Database } from '../db/database.js';
import type { Tx } from '../notifications/notification-outbox.js';
import { addresseeAt, routingBaseOf } from './flag-addressing.js';
import { enqueueAlert, enqueueRefresh } from './raise-flag.js';

export type FlagAction = 'acknowledge' | 'resolve' | 'escalate';

export type ActionRefusal = 'unknown_flag' | 'already_resolved' | 'already_acknowledged' | 'note_required' | 'top_of_chain';

export type ActionResult = { ok: true; flagId: number; status: string; level: number } | { ok: false; reason: ActionRefusal };

export const minResolutionChars = 5;

/**
 * Moves a flag along its lifecycle (open/escalated -> acknowledged -> resolved; escalate from any
 * unresolved state) and records who did it. Authorisation is the channel's job (it knows who the
 * actor is on its platform); this only checks that the step makes sense. The row is locked for the
 * step, so two supervisors pressing buttons at once are applied one after the other.
 */
export async function actOnFlag(
  db: Database,
  input: { flagId: number; action: FlagAction; actor: string; note?: string; now: Date },
): Promise<ActionResult> {
  return db.prisma.$transaction(async (tx) => {
    const flag = await lockFlag(tx, input.flagId);
    if (!flag) return { ok: false, reason: 'unknown_flag' } as const;
    if (flag.status === 'resolved') return { ok: false, reason: 'already_resolved' } as const;
    const { now, actor } = input;
    switch (input.action) {
      case 'acknowledge': {
        if (flag.status === 'acknowledged') return { ok: false, reason: 'already_acknowledged' } as const;
        await tx.flag.update({ where: { id: flag.id }, data: { status: 'acknowledged', acknowledgedAt: now, updatedAt: now } });
        const event = await tx.flagEvent.create({ data: { flagId: flag.id, at: now, actor, action: 'acknowledged' } });
        await enqueueRefresh(tx, flag.id, event.id, now);
        return { ok: true, flagId: flag.id, status: 'acknowledged', level: flag.level } as const;
      }
      case 'resolve': {
        const note = (input.note ?? '').trim();
        if (note.length < minResolutionChars) return { ok: false, reason: 'note_required' } as const;
        await tx.flag.update({
          where: { id: flag.id },
          data: { status: 'resolved', resolvedAt: now, resolution: note, updatedAt: now },
        });
        if (flag.reportId !== null) await tx.report.update({ where: { id: flag.reportId }, data: { status: 'selesai' } });
        const event = await tx.flagEvent.create({
          data: { flagId: flag.id, at: now, actor, action: 'resolved', detail: { note } },
        });
        await enqueueRefresh(tx, flag.id, event.id, now);
        return { ok: true, flagId: flag.id, status: 'resolved', level: flag.level } as const;
      }
      case 'escalate':
        return escalateIn(tx, flag, actor, now, 'manual');
    }
  });
}

/** The flag, locked until the transaction ends: two steps on one flag are applied one after the other. */
export async function lockFlag(tx: Tx, flagId: number) {
  await tx.$queryRawUnsafe(`SELECT id FROM flag WHERE id = $1 FOR UPDATE`, flagId);
  return tx.flag.findUnique({ where: { id: flagId } });
}

/**
 * One level up: the next supervisor in the chain, or HR when the chain ends. Refused when HR has
 * it already. The new addressee gets their own Slack message; the old copies show the escalation.
 */
export async function escalateIn(
  tx: Tx,
  flag: { id: number; level: number; assigneeId: number | null; employeeId: number | null; reportId: number | null },
  actor: string,
  now: Date,
  why: 'manual' | 'overdue',
): Promise<ActionResult> {
  if (flag.assigneeId === null) return { ok: false, reason: 'top_of_chain' };
  const base = await routingBaseOf(tx, flag);
  const level = flag.level + 1;
  const assigneeId = base === null ? null : await addresseeAt(tx, base, level);
  await tx.flag.update({
    where: { id: flag.id },
    data: { status: 'escalated', level, assigneeId, assignedAt: now, acknowledgedAt: null, updatedAt: now },
  });
  const event = await tx.flagEvent.create({
    data: {
      flagId: flag.id,
      at: now,
      actor,
      action: 'escalated',
      detail: { why, fromAssigneeId: flag.assigneeId, toAssigneeId: assigneeId, level },
    },
  });
  await enqueueAlert(tx, flag.id, level, assigneeId, now);
  await enqueueRefresh(tx, flag.id, event.id, now);
  return { ok: true, flagId: flag.id, status: 'escalated', level };
}
