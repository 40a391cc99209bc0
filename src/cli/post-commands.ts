import { checkDraftPost } from '../posts/check-draft-post.js';
import { describeDraftCheck } from '../posts/describe-check.js';
import { AppError } from '../errors.js';
import { out } from './cli-io.js';
import { defineCommand } from './command-spec.js';

const check = defineCommand({
  name: 'post check',
  args: ['"<teks>"'],
  restInLast: true,
  options: {
    json: {
      type: 'boolean',
      help: 'Mencetak {"verdict": "aman"|"hati-hati"|"melanggar", "rules": [{"source", "title", "section"}], "reasons", "advice"}.',
    },
  },
  summary: 'Memeriksa draf postingan media sosial: aman, hati-hati atau melanggar, dengan aturan yang dikutip.',
  details: [
    'Memakai data SDM di knowledge/cek-post/kategori.yaml dan masa pemilu yang berlaku hari ini.',
    'Teks draf tidak disimpan; hanya jumlah pemeriksaan per putusan dan kategori yang dihitung.',
  ],
  examples: ['asn post check "Jgn lupa coblos no 1 ya gaes!!" --json'],
  async run(ctx, input) {
    const setup = ctx.postChecker;
    if (!setup.posts) throw new AppError(setup.error.code, `Pemeriksaan draf tidak tersedia. ${setup.error.userMessage}`);
    const result = await checkDraftPost(setup.posts, { text: input.positionals.join(' '), channel: 'cli' });
    if (input.flag('json')) {
      out(
        JSON.stringify({
          verdict: result.verdict,
          rules: result.rules.map(({ source, title, section }) => ({ source, title, section })),
          reasons: result.reasons,
          advice: result.advice,
        }),
      );
    } else {
      out(describeDraftCheck(result));
    }
    return 0;
  },
});

export const postCommands = [check];
