import type { WebClient } from '@slack/web-api';
import type { Database } from '../../db/database.js';
import { loadFlagView, loadFlagViews } from '../../flags/load-flag-view.js';
import { UpstreamError } from '../../errors.js';
import type { NotificationSender, PendingNotification } from '../../outbox/outbox-senders.js';
import { digestMessage } from './views/digest-message.js';
import { flagMessage } from './views/flag-message.js';
import { platformError, type SlackDirectory } from './slack-directory.js';
import { slackError } from './slack-errors.js';

/**
 * Delivers the notification outbox's Slack rows: a flag's alert to its addressee (or the HR
 * channel), refreshes of every posted copy after a change, and daily digests. Errors are mapped
 * by slackError (UpstreamError / UnreachableError); the outbox's one rule decides what follows.
 */
export function slackNotificationSender(deps: {
  db: Database;
  client: WebClient;
  directory: SlackDirectory;
  hrChannel?: string;
  now: () => Date;
}): NotificationSender {
  const { db, client, directory } = deps;

  async function postAlert(n: Extract<PendingNotification, { kind: 'flag_alert' }>): Promise<void> {
    const { level } = n.payload;
    // Posted before but not marked sent (a crash in between): posting again would duplicate it;
    // only a report's screenshots that did not follow yet are sent.
    const posted = await db.prisma.flagMessage.findUnique({ where: { flagId_level: { flagId: n.flagId!, level } } });
    if (posted) return void (await sendEvidence(n.flagId!, level, posted.channel, posted.ts));
    const view = await loadFlagView(db, n.flagId!);
    if (!view) return;
    let channel: string | null = null;
    if (n.recipient.startsWith('employee:')) channel = await directory.slackIdOf(Number(n.recipient.slice('employee:'.length)));
    // No Slack account for the addressee: HR's channel sees it instead, as the issue asks.
    channel ??= deps.hrChannel ?? null;
    if (channel === null)
      throw new UpstreamError('slack', 'tidak ada penerima Slack: atasan tanpa akun Slack dan SLACK_HR_CHANNEL kosong', 404);
    const message = flagMessage(view);
    const answer = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
    const now = deps.now();
    await db.prisma.$transaction([
      db.prisma.flagMessage.create({ data: { flagId: view.id, level, channel: answer.channel!, ts: answer.ts!, postedAt: now } }),
      db.prisma.flagEvent.create({
        data: {
          flagId: view.id,
          at: now,
          actor: 'sistem',
          action: 'delivered',
          detail: { level, to: channel === deps.hrChannel ? 'hr' : 'atasan' },
        },
      }),
    ]);
    await sendEvidence(view.id, level, answer.channel!, answer.ts!);
  }

  /**
   * A report's screenshots, as files in the thread of its flag message (each level's addressee
   * gets them), once: recorded as a `files_delivered` event of that level.
   */
  async function sendEvidence(flagId: number, level: number, channel: string, ts: string): Promise<void> {
    const flag = await db.prisma.flag.findUnique({ where: { id: flagId }, select: { reportId: true } });
    if (!flag?.reportId) return;
    const files = await db.prisma.reportEvidence.findMany({ where: { reportId: flag.reportId }, orderBy: { id: 'asc' } });
    if (files.length === 0) return;
    const events = await db.prisma.flagEvent.findMany({ where: { flagId, action: 'files_delivered' }, select: { detail: true } });
    if (events.some((e) => (e.detail as { level?: unknown }).level === level)) return;
    await client.filesUploadV2({
      channel_id: channel,
      thread_ts: ts,
      initial_comment: `Tangkapan layar dari pelapor (laporan #${flag.reportId}).`,
      file_uploads: files.map((f) => ({ file: Buffer.from(f.content), filename: f.fileName, title: f.fileName })),
    });
    await db.prisma.flagEvent.create({
      data: { flagId, at: deps.now(), actor: 'sistem', action: 'files_delivered', detail: { level, files: files.length } },
    });
  }

  async function refresh(n: PendingNotification): Promise<void> {
    const view = await loadFlagView(db, n.flagId!);
    if (!view) return;
    const message = flagMessage(view);
    const copies = await db.prisma.flagMessage.findMany({ where: { flagId: view.id } });
    for (const copy of copies) {
      try {
        await client.chat.update({ channel: copy.channel, ts: copy.ts, text: message.text, blocks: message.blocks });
      } catch (error) {
        // Deleted in Slack by its reader: nothing left to update.
        if (platformError(error) !== 'message_not_found') throw error;
      }
    }
  }

  async function digest(n: Extract<PendingNotification, { kind: 'digest' }>): Promise<void> {
    const employeeId = Number(n.recipient.slice('employee:'.length));
    const user = await directory.slackIdOf(employeeId);
    if (user === null) return;
    const supervisor = await db.prisma.employee.findUnique({ where: { id: employeeId }, select: { name: true } });
    const open = await loadFlagViews(db, { assigneeId: employeeId, status: { in: ['open', 'escalated', 'acknowledged'] } });
    if (open.length === 0) return;
    const { date } = n.payload;
    const since = new Date(deps.now().getTime() - 86_400_000);
    const resolvedYesterday = await db.prisma.flagEvent.count({
      where: { action: 'resolved', at: { gte: since }, flag: { assigneeId: employeeId } },
    });
    const message = digestMessage({ supervisorName: supervisor?.name ?? '', date, open, resolvedYesterday });
    await client.chat.postMessage({ channel: user, text: message.text, blocks: message.blocks });
  }

  return {
    async send(n) {
      try {
        if (n.kind === 'flag_alert') await postAlert(n);
        else if (n.kind === 'flag_refresh') await refresh(n);
        else if (n.kind === 'digest') await digest(n);
        else throw new UpstreamError('slack', `jenis notifikasi Slack tidak dikenal: ${n.kind}`, 400);
      } catch (error) {
        throw slackError(error);
      }
    },
  };
}
