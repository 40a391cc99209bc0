import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import type { AdminDeps } from '../../src/admin/admin-app.js';
import { createLocalChatBot } from '../../src/channels/telegram/local-chat-bot.js';
import { telegramWebhookRoute } from '../../src/channels/telegram/telegram-webhook.js';
import type { Database } from '../../src/db/database.js';
import { localChatRoutes } from '../../src/web/local-chat.js';
import { createWebServer } from '../../src/web/create-web-server.js';
import { adminDeps, signIn, startAdminServer } from '../helpers/admin-browser.js';
import { botDeps } from '../helpers/bot-deps.js';
import { loadKnowledge } from '../helpers/knowledge.js';
import { silentLogger } from '../helpers/silent-logger.js';
import { openTestDatabase } from '../helpers/test-database.js';

describe('the web server at its edge: headers, body limits, hostile text', () => {
  let db: Database;
  let deps: AdminDeps;
  let server: { url: string; close(): Promise<void> };
  let chatApp: Hono;

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    await loadKnowledge(db);
    deps = adminDeps(db);
    server = await startAdminServer(deps);
    // The chat page mounted on the real web server, as setupTelegram does when LOCAL_CHAT is on.
    chatApp = createWebServer({ db, logger: silentLogger, isReady: () => true });
    const { bot, transport } = createLocalChatBot(botDeps(db, { messagesPerMinute: 100 }));
    chatApp.route('/chat', localChatRoutes(bot, transport));
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  const chatSession = async () => {
    const page = await chatApp.request('/chat');
    return { page, cookie: page.headers.get('set-cookie')!.split(';')[0]! };
  };
  const chatPost = (cookie: string, body: string) =>
    chatApp.request('/chat/api', { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body });

  it('sends security headers on the chat page and runs no inline script or style there', async () => {
    const { page } = await chatSession();
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
    const html = await page.text();
    expect(html).not.toMatch(/<script>|<style>|\son\w+=/);
    expect(html).toContain('<script src="/chat/obrolan.js" defer></script>');
    const script = await chatApp.request('/chat/obrolan.js');
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(await script.text()).toContain("fetch('/chat/api'");
    expect((await chatApp.request('/chat/obrolan.css')).headers.get('content-type')).toMatch(/text\/css/);
    // JSON answers carry them too.
    expect((await chatApp.request('/healthz')).headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers a chat message with NUL and a lone surrogate like any other, instead of a 500', async () => {
    const { cookie } = await chatSession();
    const res = await chatPost(cookie, JSON.stringify({ text: 'berapa lama cuti melahirkan\u0000 PNS?\uD800' }));
    expect(res.status).toBe(200);
    const { outputs } = (await res.json()) as { outputs: { kind: string; html?: string }[] };
    expect(outputs.some((o) => o.kind === 'message' && /Pasal \d+/.test(o.html ?? ''))).toBe(true);
    const logged = await db.prisma.questionLog.findFirst({ orderBy: { id: 'desc' } });
    expect(logged?.question).toBe('berapa lama cuti melahirkan PNS?\uFFFD');
  });

  it('refuses a chat message body over its limit with 413 in Indonesian', async () => {
    const { cookie } = await chatSession();
    const res = await chatPost(cookie, JSON.stringify({ text: 'x'.repeat(200_000) }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toMatch(/Permintaan terlalu besar: batasnya \d+ KB/);
  });

  it('refuses any other body over the server-wide limit with 413 before reading it', async () => {
    const res = await fetch(`${server.url}/tidak-ada`, { method: 'POST', body: 'x'.repeat(5 * 1024 * 1024) });
    expect(res.status).toBe(413);
  });

  it('leaves the webhooks their own order: a wrong Telegram secret gets 401 before a byte of a big body is read', async () => {
    const web = createWebServer({ db, logger: silentLogger, isReady: () => true });
    web.route('/telegram/webhook', telegramWebhookRoute({ db, secret: 's'.repeat(32), log: silentLogger, onReceived: () => {} }));
    let read = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (read >= 2 * 1024 * 1024) return controller.close();
          read += 64 * 1024;
          controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
        },
      },
      { highWaterMark: 0 },
    );
    const res = await web.request('/telegram/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'x'.repeat(32) },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(401);
    expect(read).toBe(0);
  });

  it('searches employees and tries questions with NUL in the text without a 500', async () => {
    const hr = await signIn(db, server.url, 'sdm-tepi@pemkot.go.id', 'hr');
    const search = await hr.get('/admin/pegawai?q=%00dewi%00');
    expect(search.status).toBe(200);
    const tried = await hr.post('/admin/coba', { pertanyaan: 'cuti melahirkan\u0000 berapa lama?' });
    expect(tried.status).toBe(200);
    expect(tried.text).toMatch(/Pasal \d+/);
  });

  it('links "Kembali" on an error page only to paths of this admin UI, never to another site', async () => {
    const hr = await signIn(db, server.url, 'sdm-kembali@pemkot.go.id', 'viewer');
    const backLink = async (referer: string) => {
      const page = await hr.request('/admin/tidak-ada', { headers: { referer } });
      expect(page.status).toBe(404);
      return /<a href="([^"]*)">Kembali<\/a>/.exec(page.html)?.[1];
    };
    expect(await backLink('https://penipu.example/admin/pengetahuan')).toBe('/admin');
    expect(await backLink('//penipu.example/admin')).toBe('/admin');
    expect(await backLink('javascript:alert(1)//admin')).toBe('/admin');
    expect(await backLink('bukan url sama sekali')).toMatch(/^\/admin\//);
    expect(await backLink(`${server.url}/admin/pegawai?q=dewi`)).toBe('/admin/pegawai?q=dewi');
  });
});
