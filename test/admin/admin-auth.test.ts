import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminDeps } from '../../src/admin/admin-app.js';
import type { Database } from '../../src/db/database.js';
import { slowDown } from '../../src/admin/auth/login-limiter.js';
import { AdminBrowser, adminDeps, createAdmin, startAdminServer } from '../helpers/admin-browser.js';
import { openTestDatabase } from '../helpers/test-database.js';

const password = 'kata-sandi-rahasia';

describe('admin UI: login, sessions, roles, CSRF', () => {
  let db: Database;
  let deps: AdminDeps;
  let server: { url: string; close(): Promise<void> };
  let clock = new Date('2026-11-24T02:00:00Z');
  const browser = () => new AdminBrowser(server.url);

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    deps = adminDeps(db, { now: () => clock });
    server = await startAdminServer(deps);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('sends a newcomer from / to the login page, which explains how to create the first account', async () => {
    const page = await browser().get('/');
    expect(page.url).toMatch(/\/admin\/masuk\?lanjut=%2Fadmin$/);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Belum ada akun admin');
    expect(page.text).toContain('npx asn admin create nama@instansi.go.id --role hr');
    expect(page.html).toMatch(/<label for="email">Email<\/label>\s*<input id="email"/);
  });

  it('refuses a wrong password and lets the right one in, with a safe session cookie', async () => {
    await createAdmin(db, 'sdm@pemkot.go.id', 'hr', password);
    const b = browser();
    const wrong = await b.login('sdm@pemkot.go.id', 'salah-sekali-ya');
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Email atau kata sandi salah.');
    expect(wrong.text).not.toContain('Belum ada akun admin');

    const ok = await b.login('SDM@pemkot.go.id ', password);
    expect(ok.status).toBe(200);
    expect(ok.url).toMatch(/\/admin\/pengetahuan$/);
    expect(ok.text).toContain('sdm@pemkot.go.id');
    expect(ok.text).toContain('Keluar');
    const cookie = ok.setCookies.find((c) => c.startsWith('asn_admin='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/admin/);
    expect(cookie).not.toMatch(/Secure/);
    // The menu names the pages that exist, marks the current one, and the page has a skip link.
    expect(ok.html).toContain('<a class="skip" href="#isi">');
    expect(ok.html).toMatch(/href="\/admin\/pengetahuan" aria-current="page">Basis pengetahuan/);
    for (const label of ['Coba pertanyaan', 'Tinjauan kualitas', 'Log audit']) expect(ok.text).toContain(label);
    expect(await db.prisma.auditLog.count({ where: { action: 'admin.login' } })).toBe(1);
  });

  it('marks the cookie Secure behind an HTTPS proxy', async () => {
    const b = new AdminBrowser(server.url, { 'x-forwarded-proto': 'https' });
    const ok = await b.login('sdm@pemkot.go.id', password);
    expect(ok.setCookies.find((c) => c.startsWith('asn_admin='))).toMatch(/Secure/);
  });

  it('comes back to the page asked for after logging in, but never to another site', async () => {
    const b = browser();
    const asked = await b.get('/admin/tinjauan');
    expect(asked.url).toContain('/admin/masuk?lanjut=%2Fadmin%2Ftinjauan');
    const token = /name="_csrf" value="([^"]+)"/.exec(asked.html)![1]!;
    const page = await b.post('/admin/masuk?lanjut=%2Fadmin%2Ftinjauan', { _csrf: token, email: 'sdm@pemkot.go.id', password });
    expect(page.url).toMatch(/\/admin\/tinjauan$/);
    const evil = browser();
    const login = await evil.get('/admin/masuk?lanjut=https://jahat.example');
    const t = /name="_csrf" value="([^"]+)"/.exec(login.html)![1]!;
    const landed = await evil.post('/admin/masuk?lanjut=%2F%2Fjahat.example', { _csrf: t, email: 'sdm@pemkot.go.id', password });
    expect(new URL(landed.url).host).toBe(new URL(server.url).host);
  });

  it('logs out clearly: the session stops working', async () => {
    const b = browser();
    await b.login('sdm@pemkot.go.id', password);
    const out = await b.post('/admin/keluar');
    expect(out.url).toMatch(/\/admin\/masuk$/);
    expect(out.text).toContain('Anda sudah keluar.');
    const again = await b.get('/admin/pengetahuan');
    expect(again.url).toContain('/admin/masuk');
  });

  it('locks the account for 15 minutes after five wrong passwords, even across a restart', async () => {
    await createAdmin(db, 'kunci@pemkot.go.id', 'hr', password);
    const b = browser();
    for (let i = 1; i <= 4; i++) expect((await b.login('kunci@pemkot.go.id', `salah-${i}-xxxxx`)).status).toBe(401);
    const fifth = await b.login('kunci@pemkot.go.id', 'salah-5-xxxxx');
    expect(fifth.status).toBe(429);
    expect(fifth.text).toContain('Terlalu banyak percobaan masuk yang salah');
    expect(fifth.text).toContain('15 menit');
    // The right password does not help while locked, from a fresh server on the same database either.
    const restarted = await startAdminServer(deps);
    try {
      const locked = await new AdminBrowser(restarted.url).login('kunci@pemkot.go.id', password);
      expect(locked.status).toBe(429);
      expect(locked.text).not.toContain('Keluar');
    } finally {
      await restarted.close();
    }
    // A colleague behind the same address still gets in: five wrong passwords lock the account, not the office.
    expect((await browser().login('sdm@pemkot.go.id', password)).status).toBe(200);
    clock = new Date(clock.getTime() + 16 * 60_000);
    const later = await browser().login('kunci@pemkot.go.id', password);
    expect(later.status).toBe(200);
    expect(later.text).toContain('kunci@pemkot.go.id');
  });

  it('counts wrong passwords sent all at once: four are checked and refused, the rest are locked', async () => {
    clock = new Date(clock.getTime() + 16 * 60_000);
    await createAdmin(db, 'serbu@pemkot.go.id', 'hr', password);
    const guesses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => browser().login('serbu@pemkot.go.id', `tebakan-${i}-xxxxx`)),
    );
    const statuses = guesses.map((g) => g.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(6);
    expect((await browser().login('serbu@pemkot.go.id', password)).status).toBe(429);
    // Leave the address unlocked for the tests after this one.
    clock = new Date(clock.getTime() + 16 * 60_000);
  });

  it('never locks an address: 25 wrong passwords from one office address slow it down, colleagues still log in', async () => {
    clock = new Date(clock.getTime() + 16 * 60_000);
    // Sent at once, as a password sprayer would; each is counted under a lock, so the later ones wait.
    const guesses = await Promise.all(
      Array.from({ length: 25 }, (_, i) => browser().login(`tebak-${i}@pemkot.go.id`, `salah-${i}-xxxxx`)),
    );
    expect(guesses.map((g) => g.status)).toEqual(Array(25).fill(401));
    // The right password of an account that never failed gets in, after the address's slow-down.
    const started = Date.now();
    const colleague = await browser().login('sdm@pemkot.go.id', password);
    expect(colleague.status).toBe(200);
    expect(colleague.text).toContain('Keluar');
    expect(Date.now() - started).toBeGreaterThanOrEqual(slowDown(25) - 50);
    expect(slowDown(25)).toBeGreaterThan(0);
    clock = new Date(clock.getTime() + 16 * 60_000);
  });

  it('refuses a login body larger than a form needs with 413, before reading it', async () => {
    const res = await fetch(`${server.url}/admin/masuk`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=a%40b.go.id&password=${'x'.repeat(100 * 1024 * 1024)}`,
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('Permintaan terlalu besar');
  });

  const pages = [
    '/admin',
    '/admin/pengetahuan',
    '/admin/pengetahuan/1',
    '/admin/pengetahuan/1/versi/1',
    '/admin/pengetahuan/1/banding?a=1&b=1',
    '/admin/coba',
    '/admin/tinjauan',
    '/admin/audit',
  ];
  const actions = [
    '/admin/pengetahuan/unggah',
    '/admin/pengetahuan/1/versi/1/terbitkan',
    '/admin/pengetahuan/1/tarik',
    '/admin/pengetahuan/1/cabut',
    '/admin/pengetahuan/1/berlakukan',
    '/admin/coba',
    '/admin/tinjauan/selesai',
    '/admin/keluar',
  ];

  it('refuses every page and action without a session: pages go to the login, actions get 401', async () => {
    for (const path of pages) {
      const page = await browser().get(path, { follow: false });
      expect(page.status, path).toBe(303);
      expect(page.headers.get('location'), path).toMatch(/^\/admin\/masuk\?lanjut=/);
    }
    for (const path of actions) {
      const page = await browser().post(path, { _csrf: 'x' });
      expect(page.status, path).toBe(401);
      expect(page.text, path).toContain('belum masuk');
    }
  });

  it('lets a viewer read every page but not change anything (403 with a clear message)', async () => {
    await createAdmin(db, 'pemantau@pemkot.go.id', 'viewer', password);
    const b = browser();
    const landing = await b.login('pemantau@pemkot.go.id', password);
    expect(landing.text).toContain('pemantau (lihat saja)');
    expect(landing.text).toContain('Akun pemantau hanya dapat melihat');
    expect(landing.html).not.toContain('name="berkas"');
    for (const path of ['/admin/pengetahuan', '/admin/coba', '/admin/tinjauan', '/admin/audit']) {
      expect((await b.get(path)).status, path).toBe(200);
    }
    for (const path of actions.filter((p) => !['/admin/coba', '/admin/keluar'].includes(p))) {
      const page = await b.post(path);
      expect(page.status, path).toBe(403);
      expect(page.text, path).toContain('Akun Anda hanya dapat melihat');
    }
    const upload = await b.upload('/admin/pengetahuan/unggah', {
      name: 'a.md',
      content: '## Pasal 1\n\nIsi pasal satu yang cukup panjang.',
    });
    expect(upload.status).toBe(403);
    expect(await db.prisma.document.count()).toBe(0);
  });

  it("refuses a form without the CSRF token, or with another session's, and a login form without its token", async () => {
    const b = browser();
    await b.login('sdm@pemkot.go.id', password);
    const missing = await b.post('/admin/pengetahuan/1/tarik', { _csrf: null });
    expect(missing.status).toBe(403);
    expect(missing.text).toContain('tidak membawa token keamanan yang benar');
    const other = browser();
    await other.login('sdm@pemkot.go.id', password);
    const foreign = await b.post('/admin/tinjauan/selesai', { _csrf: other.csrf, ids: '1' });
    expect(foreign.status).toBe(403);
    const upload = await b.upload(
      '/admin/pengetahuan/unggah',
      { name: 'a.md', content: '## Pasal 1\n\nIsi pasal satu yang cukup panjang.' },
      { _csrf: null },
    );
    expect(upload.status).toBe(403);
    expect(await db.prisma.document.count()).toBe(0);
    const login = await browser().post('/admin/masuk', { _csrf: null, email: 'sdm@pemkot.go.id', password });
    expect(login.status).toBe(403);
    expect(login.text).toContain('Formulir masuk kedaluwarsa');
  });

  it('serves one small stylesheet and answers unknown admin pages with a 404 page', async () => {
    const css = await browser().get('/admin/gaya.css');
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(css.html).toContain(':focus-visible');
    const b = browser();
    await b.login('sdm@pemkot.go.id', password);
    const missing = await b.get('/admin/tidak-ada');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Halaman tidak ditemukan');
  });
});
