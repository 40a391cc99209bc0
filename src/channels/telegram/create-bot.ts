import { fileURLToPath } from 'node:url';
import { autoRetry } from '@grammyjs/auto-retry';
import { I18n } from '@grammyjs/i18n';
import { sequentialize } from '@grammyjs/runner';
import type { Bot, BotConfig } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { CleaningBot } from './cleaning-bot.js';
import type { BotContext, BotDeps } from './context.js';
import { accountFeature } from './features/account.js';
import { cekpostFeature } from './features/cekpost.js';
import { helpFeature } from './features/help.js';
import { kpiLogFeature } from './features/kpi-log.js';
import { leaveFeature } from './features/leave.js';
import { reminderRepliesFeature } from './features/reminder-replies.js';
import { languageFeature } from './features/language.js';
import { groupCommands, privateOnlyFeature } from './features/private-only.js';
import { questionFeature } from './features/question.js';
import { ratingFeature } from './features/rating.js';
import { reportFeature } from './features/report.js';
import { topicsFeature } from './features/topics.js';
import { unknownButtonFeature } from './features/unknown-button.js';
import { unsupportedFeature } from './features/unsupported.js';
import { attachState } from './middleware/attach-state.js';
import { floodGuard } from './middleware/flood-guard.js';
import { groupFilter } from './middleware/group-filter.js';
import { lenientCallbackAnswers } from './lenient-callback-answers.js';
import { messageThrottler, type ThrottleOptions } from './throttle.js';

// No trailing slash: the i18n plugin derives each locale's name from the path below this folder.
const localesDir = fileURLToPath(new URL('./locales', import.meta.url));

export interface CreateBotOptions {
  token: string;
  /** Another Bot API server (self-hosted, or a test server). */
  apiRoot?: string;
  /** Known bot identity: skips getMe (the local chat page has no Telegram to ask). */
  botInfo?: UserFromGetMe;
  throttle?: ThrottleOptions;
  /** Extra API transformers, innermost (the local chat page answers calls itself). */
  transport?: NonNullable<BotConfig<BotContext>['client']>['fetch'];
  transformers?: Parameters<Bot['api']['config']['use']>;
}

/**
 * The employees' bot: middleware, then one feature per file (the group guard first), the
 * catch-all question last.
 */
export function createBot(deps: BotDeps, options: CreateBotOptions): Bot<BotContext> {
  const bot = new CleaningBot(
    options.token,
    {
      botInfo: options.botInfo,
      client: { apiRoot: options.apiRoot, ...(options.transport ? { fetch: options.transport } : {}) },
    },
    deps.logger,
  );
  if (options.transformers) bot.api.config.use(...options.transformers);
  bot.api.config.use(lenientCallbackAnswers(deps.logger));
  bot.api.config.use(messageThrottler(options.throttle ?? { globalPerSecond: 30, perChatIntervalMs: 1000 }));
  // Outermost: waits out 429 `retry_after` and retries network failures, through the throttler again.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 120, rethrowInternalServerErrors: false }));

  const i18n = new I18n<BotContext>({
    defaultLocale: 'id',
    directory: localesDir,
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => ctx.state.chat.language ?? 'id',
  });

  // One update at a time per chat (concurrently across chats), so a conversation stays in order.
  bot.use(sequentialize((ctx) => (ctx.chat ?? ctx.from)?.id.toString()));
  bot.use(attachState(deps));
  bot.use(i18n);
  bot.use(groupFilter());
  bot.use(floodGuard(deps.messagesPerMinute, deps.now));

  bot.errorBoundary(
    async (error) => {
      const ctx = error.ctx;
      ctx.state?.log.error(
        { err: { name: (error.error as Error)?.name, message: (error.error as Error)?.message } },
        'feature failed',
      );
      await ctx.reply(ctx.t('error')).catch(() => undefined);
    },
    // First: in a group, nothing personal reaches the features below.
    privateOnlyFeature(),
    helpFeature(),
    accountFeature(deps),
    languageFeature(deps),
    topicsFeature(deps),
    reportFeature(deps),
    cekpostFeature(deps),
    kpiLogFeature(deps),
    leaveFeature(deps),
    reminderRepliesFeature(deps),
    ratingFeature(deps),
    unsupportedFeature(),
    unknownButtonFeature(),
    questionFeature(deps),
  );

  bot.catch((error) => deps.logger.error({ err: { message: error.message }, updateId: error.ctx.update.update_id }, 'bot error'));
  return bot;
}

/** The commands Telegram shows in its menu, in both languages: all in private chats, the general ones in groups. */
export async function registerCommands(bot: Bot<BotContext>): Promise<void> {
  const id = [
    ['start', 'Mulai'],
    ['bantuan', 'Apa yang bisa dibantu'],
    ['topik', 'Contoh pertanyaan per topik'],
    ['lapor', 'Laporkan masalah ke atasan atau SDM'],
    ['cekpost', 'Periksa draf postingan medsos sebelum diunggah'],
    ['saya', 'Profil saya'],
    ['daftar', 'Hubungkan akun dengan kode dari SDM'],
    ['keluar', 'Putuskan akun Telegram ini'],
    ['bahasa', 'Bahasa / Language'],
    ['kinerja', 'Catat kinerja hari ini (/kinerja minggu: ringkasan)'],
    ['cuti', 'Catat cuti (tanpa pengingat)'],
    ['batal', 'Batalkan langkah yang berjalan'],
  ];
  const en = [
    ['start', 'Start'],
    ['bantuan', 'What I can do'],
    ['topik', 'Example questions by topic'],
    ['lapor', 'Report a problem to your supervisor or HR'],
    ['cekpost', 'Check a draft social-media post before posting'],
    ['saya', 'My profile'],
    ['daftar', 'Link your account with the code from HR'],
    ['keluar', 'Unlink this Telegram account'],
    ['bahasa', 'Bahasa / Language'],
    ['kinerja', "Log today's work (/kinerja minggu: summary)"],
    ['cuti', 'Record leave (no reminders)'],
    ['batal', 'Cancel the current step'],
  ];
  const toCommands = (list: string[][]) =>
    list.map(([command, description]) => ({ command: command!, description: description! }));
  await bot.api.setMyCommands(toCommands(id));
  await bot.api.setMyCommands(toCommands(en), { language_code: 'en' });
  // Groups are offered only what works there: the personal commands answer a pointer to the private chat.
  const inGroups = { type: 'all_group_chats' } as const;
  const general = (list: string[][]) => toCommands(list.filter(([command]) => groupCommands.includes(command!)));
  await bot.api.setMyCommands(general(id), { scope: inGroups });
  await bot.api.setMyCommands(general(en), { scope: inGroups, language_code: 'en' });
}
