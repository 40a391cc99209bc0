import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Database } from '../../db/database.js';
import type { AdminRole, AdminUserInfo } from '../admin-env.js';

/** The session cookie: a random token; the database keeps only its SHA-256. */
export const sessionCookieName = 'asn_admin';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** True when the browser reached us over HTTPS, directly or through a proxy that says so. */
export function isHttps(c: Context): boolean {
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https' || new URL(c.req.url).protocol === 'https:';
}

/** Starts a session for an account; returns the cookie token and the session's CSRF token. */
export async function createSession(
  db: Database,
  adminId: number,
  options: { now: Date; hours: number },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(options.now.getTime() + options.hours * 3_600_000);
  await db.prisma.adminSession.create({ data: { tokenHash: hashToken(token), adminId, csrfToken, expiresAt } });
  // Expired sessions of anyone are swept at each login, so the table stays small.
  await db.prisma.adminSession.deleteMany({ where: { expiresAt: { lt: options.now } } });
  return { token, csrfToken, expiresAt };
}

/** The account and CSRF token of a live session, or undefined for an unknown or expired token. */
export async function findSession(
  db: Database,
  token: string,
  now: Date,
): Promise<{ admin: AdminUserInfo; csrfToken: string } | undefined> {
  const session = await db.prisma.adminSession.findUnique({ where: { tokenHash: hashToken(token) }, include: { admin: true } });
  if (!session || session.expiresAt <= now) return undefined;
  const { id, email, role } = session.admin;
  return { admin: { id, email, role: role as AdminRole }, csrfToken: session.csrfToken };
}

/** Ends a session (log-out). */
export async function deleteSession(db: Database, token: string): Promise<void> {
  await db.prisma.adminSession.deleteMany({ where: { tokenHash: hashToken(token) } });
}

/** HttpOnly, SameSite=Lax, limited to /admin; Secure when the request came over HTTPS. */
export function setSessionCookie(c: Context, token: string, expiresAt: Date): void {
  setCookie(c, sessionCookieName, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    path: '/admin',
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, sessionCookieName, { path: '/admin', secure: isHttps(c) });
}

export const sessionToken = (c: Context): string | undefined => getCookie(c, sessionCookieName);
