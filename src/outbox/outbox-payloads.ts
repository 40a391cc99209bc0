import { z } from 'zod';

/**
 * The notification kinds, each with the platform that sends it and the zod schema of its payload.
 * A payload is checked when it is queued (a bug fails at its source, inside the transaction that
 * caused it) and again when it is sent (a row written by an older version, or by hand, fails alone
 * with the schema's message instead of sending nonsense). Reminders are the other outbox table:
 * their columns are their payload.
 */
export const notificationKinds = {
  /** A flag's Slack message to its addressee at an escalation level (rendered when sent). */
  flag_alert: { channel: 'slack', payload: z.object({ level: z.number().int().min(0) }).strict() },
  /** Every posted copy of a flag shows its new state (rendered when sent). */
  flag_refresh: { channel: 'slack', payload: z.object({}).strict() },
  /** A supervisor's daily digest of the flags waiting on them, for the local date. */
  digest: { channel: 'slack', payload: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).strict() },
  /** A Telegram message to an employee (a flag on them), as written. Telegram's limit is 4096. */
  employee_notice: { channel: 'telegram', payload: z.object({ text: z.string().min(1).max(4096) }).strict() },
} as const;

export type NotificationKind = keyof typeof notificationKinds;
export type NotificationChannel = (typeof notificationKinds)[NotificationKind]['channel'];
export type NotificationPayload<K extends NotificationKind> = z.infer<(typeof notificationKinds)[K]['payload']>;

/** A kind's payload, checked; throws a ZodError naming the field (or Error for an unknown kind). */
export function parseNotificationPayload<K extends NotificationKind>(kind: K, payload: unknown): NotificationPayload<K> {
  const spec = notificationKinds[kind] as (typeof notificationKinds)[NotificationKind] | undefined;
  if (!spec) throw new Error(`jenis notifikasi tidak dikenal: ${String(kind)}`);
  return spec.payload.parse(payload ?? {}) as NotificationPayload<K>;
}
