import { Composer, InlineKeyboard } from 'grammy';
import { callbackData } from '../callback-data.js';
import type { BotContext, BotDeps } from '../context.js';
import { askAndReply } from './question.js';

/** The topics of /topik, each with questions employees often ask (tapping one asks it). */
export const topics: Record<string, { id: string; en: string; examples: string[] }> = {
  disiplin: {
    id: 'Disiplin',
    en: 'Discipline',
    examples: [
      'Apa sanksi jika tidak masuk kerja tanpa keterangan 5 hari?',
      'Apa saja jenis hukuman disiplin PNS?',
      'Kapan hukuman disiplin mulai berlaku?',
    ],
  },
  netralitas: {
    id: 'Netralitas',
    en: 'Neutrality',
    examples: [
      'Bolehkah ASN menyukai unggahan calon di media sosial?',
      'Bolehkah PNS ikut kampanye?',
      'Apa sanksi ASN yang menjadi anggota partai politik?',
    ],
  },
  medsos: {
    id: 'Media sosial',
    en: 'Social media',
    examples: [
      'Apa saja aturan ASN bermedia sosial?',
      'Bolehkah ASN membagikan berita yang belum jelas sumbernya?',
      'Apakah memberi like pada ujaran kebencian bisa dihukum?',
    ],
  },
  kinerja: {
    id: 'Kinerja (SKP)',
    en: 'Performance (SKP)',
    examples: [
      'Berapa bobot SKP dan perilaku kerja?',
      'Apa saja predikat penilaian kinerja?',
      'Apa akibatnya jika kinerja Sangat Kurang?',
    ],
  },
  cuti: {
    id: 'Cuti',
    en: 'Leave',
    examples: ['Berapa hari cuti tahunan PNS?', 'Berapa lama cuti melahirkan?', 'Apakah cuti bersama mengurangi cuti tahunan?'],
  },
  etik: {
    id: 'Kode etik',
    en: 'Code of ethics',
    examples: ['Apa saja etika PNS terhadap masyarakat?', 'Apa itu sanksi moral?', 'Apa tugas Majelis Kode Etik?'],
  },
};

/**
 * /topik: a menu of topics; each shows example questions as buttons. A menu, not a step: its
 * buttons hold no state and may be pressed again (asking an example twice asks it twice).
 */
export function topicsFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('topik', async (ctx) => {
    const language = (await ctx.i18n.getLocale()) === 'en' ? 'en' : 'id';
    const keyboard = new InlineKeyboard();
    Object.entries(topics).forEach(([key, topic], i) => {
      keyboard.text(topic[language], callbackData('topic', key));
      if (i % 2 === 1) keyboard.row();
    });
    await ctx.reply(ctx.t('topics'), { reply_markup: keyboard });
  });

  composer.callbackQuery(/^topic:(\w+)$/, async (ctx) => {
    const topic = topics[ctx.match[1]!];
    await ctx.answerCallbackQuery();
    if (!topic) return;
    const language = (await ctx.i18n.getLocale()) === 'en' ? 'en' : 'id';
    const keyboard = new InlineKeyboard();
    topic.examples.forEach((q, i) =>
      keyboard.text(q.length > 60 ? `${q.slice(0, 57)}...` : q, callbackData('ask', ctx.match[1]!, i)).row(),
    );
    await ctx.reply(ctx.t('topic-examples', { topic: topic[language] }), { parse_mode: 'HTML', reply_markup: keyboard });
  });

  composer.callbackQuery(/^ask:(\w+):(\d)$/, async (ctx) => {
    const question = topics[ctx.match[1]!]?.examples[Number(ctx.match[2])];
    await ctx.answerCallbackQuery();
    if (question) await askAndReply(ctx, deps, question);
  });
  return composer;
}
