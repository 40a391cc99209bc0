import type { NotificationKind, NotificationPayload } from './outbox-payloads.js';

/** One reminder ready to go out (a reminder_outbox row, rendered). */
export interface OutgoingReminder {
  outboxId: number;
  chatId: bigint;
  /** The reminder's kind (disiplin, kinerja, ...): it decides the answer buttons. */
  kind: string;
  text: string;
}

/** One notification ready to go out, its payload already checked against its kind's schema. */
export type PendingNotification = {
  [K in NotificationKind]: {
    id: number;
    channel: string;
    key: string;
    kind: K;
    flagId: number | null;
    recipient: string;
    payload: NotificationPayload<K>;
    attempts: number;
  };
}[NotificationKind];

/**
 * The Telegram port: sends a reminder (returns Telegram's message id) or a notice. Every failure
 * is thrown as UpstreamError (Telegram answered no: 403 blocked, 429 with its retry_after, 4xx
 * refused, 5xx down) or UnreachableError (no answer); the outbox decides what follows.
 */
export interface ReminderSender {
  send(reminder: OutgoingReminder): Promise<number>;
}

/** A platform's port for notifications (Slack alerts, refreshes, digests; Telegram notices); errors as ReminderSender's. */
export interface NotificationSender {
  send(notification: PendingNotification): Promise<void>;
}
