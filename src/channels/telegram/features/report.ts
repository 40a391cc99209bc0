import { recordReport, type ReportEvidenceFile } from '../../../flags/record-report.js';
import { Composer, InlineKeyboard } from 'grammy';
import { callbackData } from '../callback-data.js';
import { downloadTelegramFile, pickPhotoSize } from '../download-file.js';
import { advanceFlow, flowTokenPattern, newFlowToken, saveChatState, type Flow } from '../chat-state.js';
import type { BotContext, BotDeps } from '../context.js';
import { escapeHtml } from '../html.js';
import { staleButton } from './unknown-button.js';

const categories = ['disiplin', 'netralitas', 'medsos', 'pungli', 'lainnya'] as const;
const maxSubjectChars = 200;
const maxDescriptionChars = 2_000;
/** The kind whose report takes a link and screenshots as evidence ("Netralitas / media sosial"). */
const withEvidence = 'medsos';
const maxLinkChars = 500;
const maxScreenshots = 3;
const maxScreenshotBytes = 5 * 1024 * 1024;

/**
 * /lapor: a short guided conversation (topic, who, what happened, to whom, may the reporter be
 * named) stored as a report for the flags feature. Its state lives in the database, so a restart
 * in the middle loses nothing; /batal cancels it. Each step's buttons carry that step's token: a
 * button of an earlier step or an abandoned report does nothing, and a press moves the flow
 * only once (advanceFlow), so a double tap on "Kirim" sends one report.
 */
export function reportFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const setFlow = (ctx: BotContext, flow: Flow | undefined) => saveChatState(deps.db, ctx.state.chatKey, { flow });

  composer.command('lapor', async (ctx) => {
    if (ctx.chat?.type !== 'private') return;
    if (!ctx.state.employee) return void (await ctx.reply(ctx.t('need-link'), { parse_mode: 'HTML' }));
    const token = newFlowToken();
    await setFlow(ctx, { name: 'lapor', step: 'category', data: {}, token });
    const keyboard = new InlineKeyboard();
    categories.forEach((c, i) => {
      keyboard.text(ctx.t(`report-category-${c}`), callbackData('lapor', token, 'cat', c));
      if (i % 2 === 1) keyboard.row();
    });
    await ctx.reply(ctx.t('report-start'), { parse_mode: 'HTML', reply_markup: keyboard });
  });

  composer.command('batal', async (ctx) => {
    const state = ctx.state.chat;
    await setFlow(ctx, undefined);
    await ctx.reply(ctx.t(state.flow ? 'cancelled' : 'nothing-to-cancel'));
  });

  /** The step each kind of button answers. */
  const stepOf = { cat: 'category', to: 'recipient', reveal: 'reveal', send: 'confirm', ev: 'evidence' } as const;

  composer.callbackQuery(new RegExp(`^lapor:(${flowTokenPattern}):(cat|to|reveal|send|ev):(\\w{1,12})$`), async (ctx) => {
    const flow = ctx.state.chat.flow;
    const [, token, field, value] = ctx.match as unknown as [string, string, keyof typeof stepOf, string];
    const employee = ctx.state.employee;
    if (!flow || flow.name !== 'lapor' || flow.token !== token || flow.step !== stepOf[field] || !employee)
      return staleButton(ctx);
    const move = (next: Flow | undefined) => advanceFlow(deps.db.prisma, ctx.state.chatKey, token, next);

    if (field === 'cat' && (categories as readonly string[]).includes(value)) {
      if (!(await move({ ...flow, step: 'subject', data: { ...flow.data, category: value }, token: undefined })))
        return staleButton(ctx);
      await ctx.answerCallbackQuery();
      await ctx.reply(ctx.t('report-subject'));
    } else if (field === 'ev' && value === 'done') {
      const next = newFlowToken();
      if (!(await move({ ...flow, step: 'recipient', token: next }))) return staleButton(ctx);
      await ctx.answerCallbackQuery();
      await askRecipient(ctx, next);
    } else if (field === 'to' && (value === 'atasan' || value === 'sdm')) {
      const next = newFlowToken();
      if (!(await move({ ...flow, step: 'reveal', data: { ...flow.data, recipient: value }, token: next })))
        return staleButton(ctx);
      await ctx.answerCallbackQuery();
      await ctx.reply(ctx.t('report-reveal'), {
        reply_markup: new InlineKeyboard()
          .text(ctx.t('report-reveal-yes'), callbackData('lapor', next, 'reveal', 'yes'))
          .text(ctx.t('report-reveal-no'), callbackData('lapor', next, 'reveal', 'no')),
      });
    } else if (field === 'reveal' && (value === 'yes' || value === 'no')) {
      const data: Record<string, string> = { ...flow.data, reveal: value };
      const next = newFlowToken();
      if (!(await move({ ...flow, step: 'confirm', data, token: next }))) return staleButton(ctx);
      await ctx.answerCallbackQuery();
      await ctx.reply(
        ctx.t('report-confirm', {
          category: ctx.t(`report-category-${data.category}`),
          subject: escapeHtml(data.subject ?? ''),
          description: escapeHtml(data.description ?? ''),
          recipient: ctx.t(`report-recipient-${data.recipient}`),
          reveal: ctx.t(value === 'yes' ? 'report-reveal-shown' : 'report-reveal-hidden'),
        }) + evidenceSummary(ctx, data),
        {
          parse_mode: 'HTML',
          reply_markup: new InlineKeyboard()
            .text(ctx.t('report-send'), callbackData('lapor', next, 'send', 'yes'))
            .text(ctx.t('report-cancel'), callbackData('lapor', next, 'send', 'no')),
        },
      );
    } else if (field === 'send') {
      // Ending the flow is the claim: of two presses of "Kirim", only the one that ended it sends.
      if (!(await move(undefined))) return staleButton(ctx);
      await ctx.answerCallbackQuery();
      if (value !== 'yes') {
        await ctx.reply(ctx.t('cancelled'));
      } else {
        const report = await fetchEvidence(ctx, flow.data)
          .then((evidence) =>
            recordReport(
              deps.db,
              {
                reporterId: employee.id,
                category: flow.data.category!,
                subject: flow.data.subject!,
                description: flow.data.description!,
                recipient: flow.data.recipient === 'sdm' ? 'sdm' : 'atasan',
                revealReporter: flow.data.reveal === 'yes',
                link: flow.data.link || undefined,
                evidence,
              },
              deps.now(),
            ),
          )
          .catch(async (error: unknown) => {
            // Not lost: the confirmation and its "Kirim" button work again once the error is gone.
            await setFlow(ctx, flow).catch(() => undefined);
            throw error;
          });
        ctx.state.log.info(
          { reportId: report.reportId, flagId: report.flagId, screenshots: report.screenshots },
          'report recorded',
        );
        await ctx.reply(ctx.t('report-sent', { id: report.reportId }));
      }
    } else {
      return staleButton(ctx);
    }
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
  });

  // While a report is being written, text answers its questions instead of asking the knowledge base.
  composer.on('message:text', async (ctx, next) => {
    if (ctx.message.text.startsWith('/') || ctx.chat.type !== 'private') return next();
    const state = ctx.state.chat;
    const flow = state.flow;
    if (!flow || flow.name !== 'lapor') return next();
    const text = ctx.message.text.trim();
    if (flow.step === 'subject') {
      if (text.length > maxSubjectChars) return void (await ctx.reply(ctx.t('report-too-long', { max: maxSubjectChars })));
      await setFlow(ctx, { ...flow, step: 'description', data: { ...flow.data, subject: text } });
      await ctx.reply(ctx.t('report-description'));
    } else if (flow.step === 'description') {
      if (text.length > maxDescriptionChars)
        return void (await ctx.reply(ctx.t('report-too-long', { max: maxDescriptionChars })));
      if (flow.data.category === withEvidence) {
        await setFlow(ctx, { ...flow, step: 'link', data: { ...flow.data, description: text } });
        return void (await ctx.reply(ctx.t('report-link')));
      }
      const token = newFlowToken();
      await setFlow(ctx, { ...flow, step: 'recipient', data: { ...flow.data, description: text }, token });
      await askRecipient(ctx, token);
    } else if (flow.step === 'link') {
      const link = text === '-' ? '' : text;
      if (link && !/^https?:\/\/\S+$/iu.test(link)) return void (await ctx.reply(ctx.t('report-link-invalid')));
      if (link.length > maxLinkChars) return void (await ctx.reply(ctx.t('report-too-long', { max: maxLinkChars })));
      const token = newFlowToken();
      await setFlow(ctx, { ...flow, step: 'evidence', data: { ...flow.data, link, photos: '' }, token });
      await ctx.reply(ctx.t('report-evidence', { max: maxScreenshots }), { reply_markup: evidenceKeyboard(ctx, token) });
    } else if (flow.step === 'evidence') {
      await ctx.reply(ctx.t('report-evidence-photo'), { reply_markup: evidenceKeyboard(ctx, flow.token!) });
    } else {
      await ctx.reply(ctx.t('report-use-buttons'));
    }
  });
  // Screenshots of the reported post: kept as Telegram's file ids until "Kirim", then stored with the report.
  composer.on('message:photo', async (ctx, next) => {
    const flow = ctx.state.chat.flow;
    if (ctx.chat.type !== 'private' || !flow || flow.name !== 'lapor' || flow.step !== 'evidence') return next();
    const photos = flow.data.photos ? flow.data.photos.split(',') : [];
    if (photos.length >= maxScreenshots)
      return void (await ctx.reply(ctx.t('report-evidence-full', { max: maxScreenshots }), {
        reply_markup: evidenceKeyboard(ctx, flow.token!),
      }));
    const size = pickPhotoSize(ctx.message.photo, maxScreenshotBytes);
    if (!size) return void (await ctx.reply(ctx.t('report-evidence-too-big', { mb: maxScreenshotBytes / 1024 / 1024 })));
    photos.push(size.file_id);
    await setFlow(ctx, { ...flow, data: { ...flow.data, photos: photos.join(',') } });
    await ctx.reply(ctx.t('report-evidence-added', { count: photos.length, max: maxScreenshots }), {
      reply_markup: evidenceKeyboard(ctx, flow.token!),
    });
  });
  return composer;
}

function askRecipient(ctx: BotContext, token: string) {
  return ctx.reply(ctx.t('report-recipient'), {
    reply_markup: new InlineKeyboard()
      .text(ctx.t('report-recipient-atasan'), callbackData('lapor', token, 'to', 'atasan'))
      .text(ctx.t('report-recipient-sdm'), callbackData('lapor', token, 'to', 'sdm')),
  });
}

const evidenceKeyboard = (ctx: BotContext, token: string) =>
  new InlineKeyboard().text(ctx.t('report-evidence-done'), callbackData('lapor', token, 'ev', 'done'));

/** The link and the number of screenshots, for the confirmation (HTML). */
function evidenceSummary(ctx: BotContext, data: Record<string, string>): string {
  if (data.category !== withEvidence) return '';
  const photos = data.photos ? data.photos.split(',').length : 0;
  return `\n${ctx.t('report-confirm-evidence', { link: data.link ? escapeHtml(data.link) : '-', count: photos })}`;
}

/** Downloads the screenshots named in the flow, to be stored with the report. */
async function fetchEvidence(ctx: BotContext, data: Record<string, string>): Promise<ReportEvidenceFile[]> {
  const ids = data.photos ? data.photos.split(',') : [];
  const files: ReportEvidenceFile[] = [];
  for (const [i, telegramFileId] of ids.entries()) {
    const content = await downloadTelegramFile(ctx.api, telegramFileId, maxScreenshotBytes);
    files.push({ telegramFileId, fileName: `tangkapan-layar-${i + 1}.jpg`, mimeType: 'image/jpeg', content });
  }
  return files;
}
