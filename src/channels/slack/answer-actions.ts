// The buttons under an answer (👍/👎, "Tanya tim SDM", "Bagikan ke kanal") and "Aturan terkait" on a
// flag message. Each acks at once and works after; what the presser alone must be told goes
// through the interaction's response_url (an ephemeral reply that works in any channel).

import type { App, BlockAction, ButtonAction, RespondFn, types } from '@slack/bolt';
import { rateAnswer } from '../../answering/rate-answer.js';
import { loadFlagView } from '../../flags/load-flag-view.js';
import { answerActionIds, answerMessages, withoutButtons } from './answer-blocks.js';
import { esc } from './block-kit.js';
import { parseFlagButtonValue } from './flag-button-value.js';
import { flagRuleActionId } from './views/flag-parts.js';
import { flagRuleQuestion } from './flag-rule-question.js';
import { refusalText } from './flag-replies.js';
import { answerFor, askerOf, loadLoggedAnswer, type SlackAskingDeps } from './slack-questions.js';

type KnownBlock = types.KnownBlock;

export const ratingTexts = {
  up: 'Terima kasih atas penilaiannya 👍',
  down: 'Terima kasih. Jawaban ini akan ditinjau tim SDM 👎',
  already: 'Penilaian sudah tercatat; penilaian pertama yang berlaku.',
  notAsker: 'Hanya penanya yang dapat menilai jawaban ini.',
};
export const handoverTexts = {
  notAsker: 'Hanya penanya yang dapat meneruskan pertanyaan ini ke tim SDM.',
  noChannel:
    'Kanal tim SDM belum diatur (SLACK_HR_CHANNEL), jadi pertanyaan ini belum dapat diteruskan. Hubungi bagian kepegawaian.',
  already: 'Pertanyaan ini sudah diteruskan ke tim SDM.',
  done: (hrChannel: string) => `Pertanyaan Anda sudah diteruskan ke tim SDM di <#${hrChannel}>. Tim SDM akan menghubungi Anda.`,
};
export const shareTexts = { notAsker: 'Hanya penanya yang dapat membagikan jawaban ini.' };
export const unknownAnswerText = 'Jawaban ini tidak ditemukan lagi. Silakan ajukan pertanyaannya kembali.';
export const ruleAlreadyText = 'Aturan terkait tanda ini sudah dijawab di utas pesan ini.';

/** What every block_actions payload of an answer's button tells about where and by whom. */
interface Pressed {
  team: string;
  user: string;
  logId: number | null;
  channel?: string;
  messageTs?: string;
  ephemeral: boolean;
  /** The pressed message's blocks, as Slack sends them back for a message everyone sees. */
  blocks?: KnownBlock[];
}

function pressed(body: BlockAction, action: ButtonAction, teamId: string | undefined): Pressed {
  const container = body.container as { channel_id?: string; message_ts?: string; is_ephemeral?: boolean };
  const value = action.value ?? '';
  return {
    team: body.team?.id ?? teamId ?? '',
    user: body.user.id,
    logId: /^\d{1,12}$/.test(value) ? Number(value) : null,
    channel: container.channel_id ?? body.channel?.id,
    messageTs: container.message_ts ?? body.message?.ts,
    ephemeral: container.is_ephemeral === true,
    blocks: (body.message as { blocks?: KnownBlock[] } | undefined)?.blocks,
  };
}

/** Tells only the presser, below the pressed message. */
async function tellPresser(respond: RespondFn | undefined, text: string): Promise<void> {
  await respond?.({ response_type: 'ephemeral', replace_original: false, text });
}

/** Registers the answer buttons and "Aturan terkait" on the app. */
export function registerAnswerActions(app: App, deps: SlackAskingDeps): void {
  const { db, log } = deps;

  /**
   * Shows the pressed message without the buttons that were used: a message everyone sees is
   * updated from its own blocks; an ephemeral one (only the asker's) is re-rendered from the log.
   */
  async function retire(p: Pressed, respond: RespondFn | undefined, used: string[], footer: string, blocks: KnownBlock[]) {
    if (!p.ephemeral && p.blocks && p.channel && p.messageTs) {
      const kept = withoutButtons(p.blocks, used, footer);
      await deps.client.chat.update({ channel: p.channel, ts: p.messageTs, text: footer, blocks: kept });
    } else await respond?.({ replace_original: true, text: footer, blocks: withoutButtons(blocks, used, footer) });
  }

  for (const [actionId, rating] of [
    [answerActionIds.rateUp, 1],
    [answerActionIds.rateDown, -1],
  ] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, respond, context }) => {
      await ack();
      const p = pressed(body, action, context.teamId);
      if (p.logId === null) return tellPresser(respond, unknownAnswerText);
      const outcome = await rateAnswer(db, { logId: p.logId, asker: askerOf(p.team, p.user), rating });
      log.info({ logId: p.logId, outcome }, 'slack rating');
      if (outcome === 'not_asker') return tellPresser(respond, ratingTexts.notAsker);
      if (outcome === 'already_rated') await tellPresser(respond, ratingTexts.already);
      const logged = await loadLoggedAnswer(db, p.logId);
      const last = logged
        ? answerMessages(logged.answer, { rate: true, handover: deps.settings.hrChannel !== undefined, share: p.ephemeral }).at(
            -1,
          )!
        : undefined;
      const footer = outcome === 'recorded' ? (rating > 0 ? ratingTexts.up : ratingTexts.down) : ratingTexts.already;
      await retire(p, respond, [answerActionIds.rateUp, answerActionIds.rateDown], footer, last?.blocks ?? []);
    });
  }

  app.action<BlockAction<ButtonAction>>(answerActionIds.handover, async ({ ack, body, action, respond, context }) => {
    await ack();
    const p = pressed(body, action, context.teamId);
    const logged = p.logId === null ? null : await loadLoggedAnswer(db, p.logId);
    if (!logged) return tellPresser(respond, unknownAnswerText);
    if (logged.asker !== askerOf(p.team, p.user)) return tellPresser(respond, handoverTexts.notAsker);
    const hrChannel = deps.settings.hrChannel;
    if (!hrChannel) return tellPresser(respond, handoverTexts.noChannel);
    if (!(await deps.seen.firstSighting(`handover:${p.logId}`, Date.now()))) return tellPresser(respond, handoverTexts.already);
    const link = await permalinkOf(p);
    const where = link
      ? `<${link}|Buka percakapannya>`
      : 'Ditanyakan lewat pesan langsung atau hanya terlihat oleh penanya: balas langsung kepada penanya.';
    const found = logged.answer.grounded ? 'dijawab dengan kutipan pasal' : 'tidak ditemukan di basis pengetahuan';
    const text = `Pertanyaan dari <@${p.user}> untuk tim SDM`;
    await deps.poster.post({
      channel: hrChannel,
      text,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `🙋 *${text}:*\n> ${esc(logged.question.slice(0, 2_000))}` } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: `Jawaban Asisten ASN: ${found} (#${p.logId}). ${where}` }] },
      ],
    });
    log.info({ logId: p.logId }, 'slack question handed to HR');
    const last = answerMessages(logged.answer, { rate: true, handover: true, share: p.ephemeral }).at(-1)!;
    await retire(p, respond, [answerActionIds.handover], handoverTexts.done(hrChannel), last.blocks);
  });

  /** A link HR can open: only to a message in a channel (a DM's or an ephemeral one is not theirs to see). */
  async function permalinkOf(p: Pressed): Promise<string | undefined> {
    if (p.ephemeral || !p.channel || !p.messageTs || p.channel.startsWith('D')) return undefined;
    try {
      return (await deps.client.chat.getPermalink({ channel: p.channel, message_ts: p.messageTs })).permalink;
    } catch (error) {
      log.warn({ err: { message: (error as Error).message } }, 'slack permalink failed');
      return undefined;
    }
  }

  app.action<BlockAction<ButtonAction>>(answerActionIds.share, async ({ ack, body, action, respond, context }) => {
    await ack();
    const p = pressed(body, action, context.teamId);
    const logged = p.logId === null ? null : await loadLoggedAnswer(db, p.logId);
    if (!logged) return tellPresser(respond, unknownAnswerText);
    if (logged.asker !== askerOf(p.team, p.user)) return tellPresser(respond, shareTexts.notAsker);
    const intro = `<@${p.user}> membagikan jawaban atas pertanyaan: _${esc(logged.question.slice(0, 500))}_`;
    const messages = answerMessages(logged.answer, { rate: true, handover: deps.settings.hrChannel !== undefined, intro });
    // response_url posts in the channel as the app without it being a member; the private copy goes.
    for (const m of messages) await respond?.({ response_type: 'in_channel', replace_original: false, ...m });
    await respond?.({ delete_original: true });
    log.info({ logId: p.logId }, 'slack answer shared');
  });

  app.action<BlockAction<ButtonAction>>(flagRuleActionId, async ({ ack, body, action, respond, context }) => {
    await ack();
    const p = pressed(body, action, context.teamId);
    const flagId = parseFlagButtonValue(action.value)?.flagId;
    const view = flagId === undefined ? null : await loadFlagView(db, flagId);
    if (!view || !p.channel || !p.messageTs) return tellPresser(respond, refusalText('unknown_flag'));
    // A double click answers once; the thread keeps the answer for everyone who sees the message.
    if (!(await deps.seen.firstSighting(`flag_rule:${p.channel}:${p.messageTs}`, Date.now())))
      return tellPresser(respond, ruleAlreadyText);
    const rule = flagRuleQuestion(view);
    const conversation = { team: p.team, user: p.user, channel: p.channel, threadTs: p.messageTs };
    const intro = [
      `*Aturan terkait tanda ini*${view.article ? ` — dasar tanda: ${esc(view.article)}` : ''}`,
      `_Pertanyaan: ${esc(rule.question)}_`,
    ].join('\n');
    const epilogue = ['*Yang diharapkan dari Anda sebagai atasan:*', ...rule.duties.map((d) => `• ${esc(d)}`)].join('\n');
    const { answer, messages } = await answerFor(deps, conversation, rule.question, { intro, epilogue });
    for (const m of messages) await deps.poster.post({ channel: p.channel, thread_ts: p.messageTs, ...m });
    log.info({ flagId, logId: answer.logId, grounded: answer.grounded }, 'slack flag rule answered');
  });
}
