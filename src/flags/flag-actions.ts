import type { Database } from '../db/database.js';
import type { Tx } from '../outbox/notifications.js';
import { addresseeAt, routingBaseOf } from './flag-addressing.js';
import { enqueueAlert, enqueueRefresh } from './raise-flag.js';

export type FlagAction = 'acknowledge' | 'resolve' | 'escalate';

export type ActionRefusal = 'unknown_flag' | 'already_resolved' | 'already_acknowledged' | 'note_required' | 'top_of_chain';

export type ActionResult = { ok: true; flagId: number; status: string; level: number } | { ok: false; reason: ActionRefusal };

export const minResolutionChars = 5;

type ActionInput = { flagId: number; action: FlagAction; actor: string; note?: string; now: Date };

/** Where a flag stands, as a button or a modal was rendered with it. */
export interface FlagState {
  status: string;
  level: number;
}

type LockedFlag = NonNullable<Awaited<ReturnType<typeof lockFlag>>>;

/** Why a step pressed on a rendered state was not applied, beyond the lifecycle's own refusals. */
export type SeenStateRefusal =
  | {
      ok: false;
      reason: 'stale';
      /** Where the flag stands now, and its last step (a delivery is not a step). */
      status: string;
      level: number;
      lastStep: { action: string; actor: string; at: Date } | null;
      /** Whether the actor may still act on the flag as it stands now. */
      allowed: boolean;
    }
  | { ok: false; reason: 'not_allowed' };

/**
 * Moves a flag along its lifecycle (open/escalated -> acknowledged -> resolved; escalate from any
 * unresolved state) and records who did it. Authorisation is the channel's job (it knows who the
 * actor is on its platform); this only checks that the step makes sense. The row is locked for the
 * step, so two supervisors pressing buttons at once are applied one after the other.
 */
export async function actOnFlag(db: Database, input: ActionInput): Promise<ActionResult> {
  return db.prisma.$transaction(async (tx) => {
    const flag = await lockFlag(tx, input.flagId);
    if (!flag) return { ok: false, reason: 'unknown_flag' } as const;
    return applyStep(tx, flag, input);
  });
}

type SeenInput = { flagId: number; seen?: FlagState; mayAct: (flag: LockedFlag, tx: Tx) => Promise<boolean> };

/**
 * As actOnFlag, for a step pressed on a rendered flag (a Slack button, a modal opened from one):
 * applied only if the flag still stands where `seen` says, so a double press, four copies of one
 * press or a press on an old copy change nothing the second time. Who may act is decided by
 * `mayAct` on the locked row too, so someone who lost the right to a concurrent escalation cannot
 * act. Without `seen` (a button from before states were carried) only the lifecycle's checks apply.
 */
export async function actOnSeenFlag(db: Database, input: ActionInput & SeenInput): Promise<ActionResult | SeenStateRefusal> {
  return db.prisma.$transaction(async (tx) => {
    const checked = await checkLocked(tx, input);
    return 'flag' in checked ? applyStep(tx, checked.flag, input) : checked;
  });
}

/**
 * The checks of actOnSeenFlag without a step, for what only prepares one (opening the resolve
 * modal): the state to carry on, or why not.
 */
export async function checkSeenFlag(
  db: Database,
  input: SeenInput,
): Promise<{ ok: true; state: FlagState } | SeenStateRefusal | { ok: false; reason: 'unknown_flag' | 'already_resolved' }> {
  return db.prisma.$transaction(async (tx) => {
    const checked = await checkLocked(tx, input);
    if (!('flag' in checked)) return checked;
    if (checked.flag.status === 'resolved') return { ok: false, reason: 'already_resolved' } as const;
    return { ok: true, state: { status: checked.flag.status, level: checked.flag.level } } as const;
  });
}

async function checkLocked(
  tx: Tx,
  input: SeenInput,
): Promise<{ flag: LockedFlag } | SeenStateRefusal | { ok: false; reason: 'unknown_flag' }> {
  const flag = await lockFlag(tx, input.flagId);
  if (!flag) return { ok: false, reason: 'unknown_flag' } as const;
  const allowed = await input.mayAct(flag, tx);
  const { seen } = input;
  if (seen && (seen.status !== flag.status || seen.level !== flag.level)) {
    const last = await tx.flagEvent.findFirst({
      where: { flagId: flag.id, action: { not: 'delivered' } },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      select: { action: true, actor: true, at: true },
    });
    return { ok: false, reason: 'stale', status: flag.status, level: flag.level, lastStep: last, allowed } as const;
  }
  if (!allowed) return { ok: false, reason: 'not_allowed' } as const;
  return { flag };
}

async function applyStep(tx: Tx, flag: LockedFlag, input: ActionInput): Promise<ActionResult> {
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
