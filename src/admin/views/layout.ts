import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AdminEnv, AdminUserInfo } from '../admin-env.js';
import { csrfField } from '../auth/csrf-field.js';

/** What the `html` tag produces: an escaped string, possibly still resolving. */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface Page {
  title: string;
  body: Html;
}

const flashCookie = 'asn_admin_pesan';
type FlashKind = 'ok' | 'warn' | 'bad';

/** Shows a message once on the next page (after a redirect): "Versi 2 diterbitkan." */
export function flash(c: Context, message: string, kind: FlashKind = 'ok'): void {
  setCookie(c, flashCookie, encodeURIComponent(JSON.stringify({ message, kind })), {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/admin',
  });
}

function takeFlash(c: Context): { message: string; kind: FlashKind } | undefined {
  const raw = getCookie(c, flashCookie);
  if (!raw) return undefined;
  deleteCookie(c, flashCookie, { path: '/admin' });
  try {
    const parsed = JSON.parse(decodeURIComponent(raw)) as { message?: unknown; kind?: unknown };
    const kind = parsed.kind === 'warn' || parsed.kind === 'bad' ? parsed.kind : 'ok';
    return typeof parsed.message === 'string' ? { message: parsed.message, kind } : undefined;
  } catch {
    return undefined;
  }
}

/** A message box; `bad` and `warn` are announced to screen readers at once. */
export const notice = (message: Html | string, kind: FlashKind = 'ok') =>
  html`<div class="notice ${kind}" role="${kind === 'ok' ? 'status' : 'alert'}">${message}</div>`;

/** `/pengetahuan` -> `/admin/pengetahuan`; absolute paths outside the admin UI stay. */
export const adminHref = (path: string) => (path.startsWith('/admin') || path === '/chat' ? path : `/admin${path}`);

/**
 * The shared page: skip link, header with the account and log-out, the menu (from the mounted
 * route modules), the page's content in <main>, and a one-time message if one was flashed.
 */
export function layout(c: Context<AdminEnv>, page: Page): Html {
  const admin = c.get('admin') as AdminUserInfo | undefined;
  const menu = c.get('menu') ?? [];
  const current = c.req.path;
  const message = takeFlash(c);
  const roleLabel = admin?.role === 'hr' ? 'SDM (ubah)' : 'pemantau (lihat saja)';
  return html`<!doctype html>
    <html lang="id">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${page.title} · Admin Asisten ASN</title>
        <link rel="stylesheet" href="/admin/gaya.css" />
        <script src="/admin/unggah.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#isi">Langsung ke isi</a>
        <header class="top">
          <a class="app" href="/admin">Asisten ASN · Admin</a>
          ${
            admin
              ? html`<span class="who">${admin.email} · ${roleLabel}</span>
                  <form class="inline" method="post" action="/admin/keluar">
                    ${csrfField(c.get('csrfToken'))}<button type="submit">Keluar</button>
                  </form>`
              : ''
          }
        </header>
        ${
          admin && menu.length
            ? html`<nav class="menu" aria-label="Menu admin">
                <ul>
                  ${menu.map((m) => {
                    const href = adminHref(m.path);
                    const active = current === href || current.startsWith(`${href}/`);
                    return html`<li><a href="${href}" ${active ? html`aria-current="page"` : ''}>${m.label}</a></li>`;
                  })}
                </ul>
              </nav>`
            : ''
        }
        <main id="isi" tabindex="-1">
          ${message ? notice(message.message, message.kind) : ''}
          <h1>${page.title}</h1>
          ${page.body}
        </main>
        <footer>Asisten ASN · antarmuka admin untuk tim SDM</footer>
      </body>
    </html>`;
}

/** Renders a page with the layout. */
export function render(c: Context<AdminEnv>, page: Page, status: ContentfulStatusCode = 200): Response | Promise<Response> {
  return c.html(layout(c, page), status);
}

/** A page that only says why something was refused (403, 404, 413...), with a way back. */
export function messagePage(
  c: Context<AdminEnv>,
  status: ContentfulStatusCode,
  title: string,
  message: string,
): Response | Promise<Response> {
  const back = sameOriginAdminPath(c.req.header('referer'), c.req.url) ?? '/admin';
  return render(
    c,
    {
      title,
      body: html`${notice(message, status >= 500 ? 'bad' : 'warn')}
        <p><a href="${back}">Kembali</a></p>`,
    },
    status,
  );
}

/**
 * The path of a Referer inside this admin UI, or undefined: a link back never leads to another
 * site (`https://elsewhere/admin`), however the header was forged.
 */
export function sameOriginAdminPath(referer: string | undefined, requestUrl: string): string | undefined {
  if (!referer) return undefined;
  try {
    const url = new URL(referer, requestUrl);
    if (url.origin !== new URL(requestUrl).origin || !url.pathname.startsWith('/admin')) return undefined;
    return url.pathname + url.search;
  } catch {
    return undefined;
  }
}
