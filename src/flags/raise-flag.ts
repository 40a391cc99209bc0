import type { Database } from '../db/database.js';
import { enqueueNotification, type Tx } from '../outbox/notifications.js';
import { addresseeAt } from './flag-addressing.js';
import type { FlagCandidate } from './flag-rules.js';
import { employeeNoticeText } from './flag-texts.js';
import { canonicalJson } from './canonical-json.js';

export type RaiseOutcome = 'raised' | 'updated' | 'unchanged';

export interface FlagToRaise {
  candidate: FlagCandidate | (Omit<FlagCandidate, 'kind'> & { kind: 'report' });
  employeeId: number | null;
  reportId?: number;
  /** The employee whose supervisor gets the flag; for a report, the reporter (or null for HR). */
  routingBase: number | null;
  /** Automatic flags are announced to the employee they are about; reports never are. */
  tellEmployee: boolean;
}

/**
 * One flag per (kind, employee, period): a new situation raises a flag, addressed to the direct
 * supervisor (or HR), announced in Slack and, for rule flags, to the employee on Telegram; the same
 * situation seen again updates the open flag when its facts changed. A flag resolved for this
 * period stays resolved: the rule's next period raises a new one.
 */
export async function raiseFlag(db: Database, input: FlagToRaise, now: Date): Promise<{ outcome: RaiseOutcome; flagId: number }> {
  return db.prisma.$transaction((tx) => raiseFlagIn(tx, input, now));
}

export async function raiseFlagIn(tx: Tx, input: FlagToRaise, now: Date): Promise<{ outcome: RaiseOutcome; flagId: number }> {
  const { candidate } = input;
  const assigneeId = input.routingBase === null ? null : await addresseeAt(tx, input.routingBase, 0);
  // ON CONFLICT DO NOTHING: another instance evaluating at the same moment must not fail this one.
  const inserted = await tx.$queryRawUnsafe<{ id: number }[]>(
    `INSERT INTO flag (kind, employee_id, period, title, evidence, article, severity, assignee_id, assigned_at, report_id, raised_at, updated_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $9, $9) ON CONFLICT DO NOTHING RETURNING id`,
    candidate.kind,
    input.employeeId,
    candidate.period,
    candidate.title,
    JSON.stringify(candidate.evidence),
    candidate.article ?? null,
    candidate.severity,
    assigneeId,
    now,
    input.reportId ?? null,
  );
  if (inserted.length > 0) {
    const flagId = inserted[0]!.id;
    await tx.flagEvent.create({
      data: { flagId, at: now, actor: 'sistem', action: 'raised', detail: { assigneeId, title: candidate.title } },
    });
    await enqueueAlert(tx, flagId, 0, assigneeId, now);
    if (input.tellEmployee && input.employeeId !== null)
      await enqueueNotification(tx, {
        channel: 'telegram',
        key: `flag:${flagId}:notice`,
        kind: 'employee_notice',
        flagId,
        recipient: `employee:${input.employeeId}`,
        payload: { text: employeeNoticeText(candidate) },
        notBefore: now,
      });
    return { outcome: 'raised', flagId };
  }

  const existing = await tx.flag.findFirst({
    where: input.reportId
      ? { reportId: input.reportId }
      : { kind: candidate.kind, employeeId: input.employeeId, period: candidate.period },
  });
  if (!existing) throw new Error('flag vanished between insert and read');
  const changed =
    existing.title !== candidate.title ||
    canonicalJson(existing.evidence) !== canonicalJson(candidate.evidence) ||
    existing.severity !== candidate.severity;
  if (existing.status === 'resolved' || !changed) return { outcome: 'unchanged', flagId: existing.id };
  await tx.flag.update({
    where: { id: existing.id },
    data: {
      title: candidate.title,
      evidence: candidate.evidence as object,
      article: candidate.article ?? null,
      severity: candidate.severity,
      updatedAt: now,
    },
  });
  const event = await tx.flagEvent.create({
    data: {
      flagId: existing.id,
      at: now,
      actor: 'sistem',
      action: 'updated',
      detail: { from: existing.title, to: candidate.title },
    },
  });
  await enqueueRefresh(tx, existing.id, event.id, now);
  return { outcome: 'updated', flagId: existing.id };
}

/** The flag's message to whoever it is addressed to at `level` (null: HR), once per level. */
export function enqueueAlert(tx: Tx, flagId: number, level: number, assigneeId: number | null, now: Date): Promise<boolean> {
  return enqueueNotification(tx, {
    channel: 'slack',
    key: `flag:${flagId}:alert:${level}`,
    kind: 'flag_alert',
    flagId,
    recipient: assigneeId === null ? 'hr' : `employee:${assigneeId}`,
    payload: { level },
    notBefore: now,
  });
}

/** Every Slack copy of the flag shows its new state: one refresh per change, rendered when sent. */
export function enqueueRefresh(tx: Tx, flagId: number, eventId: number, now: Date): Promise<boolean> {
  return enqueueNotification(tx, {
    channel: 'slack',
    key: `flag:${flagId}:refresh:${eventId}`,
    kind: 'flag_refresh',
    flagId,
    recipient: 'flag-messages',
    notBefore: now,
  });
}
