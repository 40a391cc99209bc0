import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { LexiconCache } from '../../src/answering/lexicon.js';
import type { AdminDeps } from '../../src/admin/admin-app.js';
import type { AdminRole } from '../../src/admin/admin-env.js';
import { saveAdminAccount } from '../../src/admin/accounts.js';
import type { Database } from '../../src/db/database.js';
import { createWebServer } from '../../src/web/create-web-server.js';
import { silentLogger } from './silent-logger.js';

/** The admin UI's dependencies on a test database: offline answers, a clock the test can move. */
export function adminDeps(
  db: Database,
  overrides: Partial<Omit<AdminDeps, 'settings'>> & { settings?: Partial<AdminDeps['settings']> } = {},
): AdminDeps {
  const answering = { db, lexicons: new LexiconCache(db), logger: silentLogger, maxQuestionChars: 2_000 };
  return {
    db,
    answering,
    logger: silentLogger,
    now: () => new Date(),
    ...overrides,
    settings: { uploadMaxBytes: 20 * 1024 * 1024, sessionHours: 12, localChat: false, ...overrides.settings },
  };
}

/** The whole web server (with the admin UI at /admin) listening on 127.0.0.1, as `npm start` runs it. */
export async function startAdminServer(deps: AdminDeps): Promise<{ url: string; close(): Promise<void> }> {
  const app = createWebServer({ db: deps.db, logger: silentLogger, isReady: () => true, admin: deps });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Creates an account directly (the CLI test covers `asn admin create`). */
export const createAdmin = (db: Database, email: string, role: AdminRole, password = 'kata-sandi-rahasia') =>
  saveAdminAccount(db, { email, role, password });

export interface Page {
  status: number;
  /** Where the last response came from, after redirects. */
  url: string;
  html: string;
  /** The visible text, tags stripped and entities decoded, for "what the user sees" assertions. */
  text: string;
  headers: Headers;
  /** The Set-Cookie headers of the first response (before redirects). */
  setCookies: string[];
}

const decode = (s: string) =>
  s
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

export const visibleText = (html: string) =>
  decode(
    html
      .replace(/<script[\s\S]*?<\/script>/g, ' ')
      .replace(/<style[\s\S]*?<\/style>/g, ' ')
      .replace(/<[^>]+>/g, ' '),
  )
    .replace(/\s+/g, ' ')
    .trim();

/** A browser with a cookie jar that follows redirects and fills in forms' CSRF tokens. */
export class AdminBrowser {
  private readonly cookies = new Map<string, string>();
  /** The `_csrf` value of the last page that had one. */
  csrf = '';

  constructor(
    readonly base: string,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  async request(path: string, init: RequestInit & { follow?: boolean } = {}): Promise<Page> {
    let url = new URL(path, this.base).toString();
    let response: Response;
    let setCookies: string[] | undefined;
    let method = init.method ?? 'GET';
    let body = init.body;
    for (let hops = 0; ; hops++) {
      const headers = new Headers(init.headers);
      for (const [k, v] of Object.entries(this.extraHeaders)) headers.set(k, v);
      if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
      response = await fetch(url, { method, body, headers, redirect: 'manual' });
      const cookies = response.headers.getSetCookie();
      setCookies ??= cookies;
      for (const cookie of cookies) {
        const [pair] = cookie.split(';');
        const [name, ...value] = pair!.split('=');
        const v = value.join('=');
        if (v === '' || /max-age=0/i.test(cookie)) this.cookies.delete(name!.trim());
        else this.cookies.set(name!.trim(), v);
      }
      const location = response.headers.get('location');
      if (!location || init.follow === false || hops > 5) break;
      url = new URL(location, url).toString();
      method = 'GET';
      body = undefined;
    }
    const html = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html);
    if (token && this.cookies.has('asn_admin')) this.csrf = token[1]!;
    return { status: response.status, url, html, text: visibleText(html), headers: response.headers, setCookies };
  }

  get(path: string, options: { follow?: boolean } = {}): Promise<Page> {
    return this.request(path, options);
  }

  /** Posts a form; the session's CSRF token is added unless `_csrf` is given (or null to leave it out). */
  post(path: string, fields: Record<string, string | null> = {}, options: { follow?: boolean } = {}): Promise<Page> {
    const form = new URLSearchParams();
    if (!('_csrf' in fields)) form.set('_csrf', this.csrf);
    for (const [k, v] of Object.entries(fields)) if (v !== null) form.set(k, v);
    return this.request(path, { method: 'POST', body: form, ...options });
  }

  /** Uploads a file as the upload form does (multipart), with the CSRF token unless told otherwise. */
  upload(
    path: string,
    file: { name: string; content: Uint8Array | string },
    fields: Record<string, string | null> = {},
  ): Promise<Page> {
    const form = new FormData();
    if (!('_csrf' in fields)) form.set('_csrf', this.csrf);
    for (const [k, v] of Object.entries(fields)) if (v !== null) form.set(k, v);
    form.set('berkas', new Blob([typeof file.content === 'string' ? file.content : new Uint8Array(file.content)]), file.name);
    return this.request(path, { method: 'POST', body: form });
  }

  /** Opens the login page and logs in; returns the page it lands on. */
  async login(email: string, password: string): Promise<Page> {
    const page = await this.get('/admin/masuk');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.html)![1]!;
    return this.post('/admin/masuk', { _csrf: token, email, password });
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name);
  }
}

/** Creates an account and returns a browser logged in with it. */
export async function signIn(db: Database, url: string, email: string, role: AdminRole): Promise<AdminBrowser> {
  await createAdmin(db, email, role);
  const browser = new AdminBrowser(url);
  await browser.login(email, 'kata-sandi-rahasia');
  return browser;
}
