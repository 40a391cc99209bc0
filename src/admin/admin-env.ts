import type { Hono } from 'hono';
import type { AnsweringDeps } from '../answering/answer-question.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';

/** hr reads and edits; viewer only reads. */
export type AdminRole = 'hr' | 'viewer';
export const adminRoles: readonly AdminRole[] = ['hr', 'viewer'];

/** The logged-in account, as every page and action sees it. */
export interface AdminUserInfo {
  id: number;
  email: string;
  role: AdminRole;
}

/** A link in the admin menu. `path` is relative to /admin (`/pengetahuan`) or absolute (`/chat`). */
export interface MenuEntry {
  label: string;
  path: string;
}

/** What the admin UI needs from the rest of the application. */
export interface AdminDeps {
  db: Database;
  answering: AnsweringDeps;
  logger: Logger;
  settings: {
    /** Largest upload accepted, in bytes (ADMIN_UPLOAD_MAX_MB). */
    uploadMaxBytes: number;
    /** How long a login lasts (ADMIN_SESSION_HOURS). */
    sessionHours: number;
    /** Whether the local chat page /chat exists, to link it from the menu. */
    localChat: boolean;
    /** The Telegram bot's username (TELEGRAM_BOT_USERNAME), for a t.me link beside a linking code. */
    telegramBotUsername?: string;
  };
  /** The clock (lock-outs, sessions, figures); tests move it. */
  now: () => Date;
}

/**
 * The Hono environment of every admin route. After the session middleware, `admin` and
 * `csrfToken` are set on every route except the login page; `menu` always is.
 */
export interface AdminEnv {
  Variables: {
    admin: AdminUserInfo;
    csrfToken: string;
    menu: MenuEntry[];
    requestId: string;
  };
}

/**
 * One area of the admin UI: its routes (paths relative to /admin, e.g. `/pengetahuan/:id`) and,
 * optionally, its entry in the menu. Add a module to the list given to `createAdminApp`.
 */
export interface AdminRouteModule {
  menu?: MenuEntry;
  routes(deps: AdminDeps): Hono<AdminEnv>;
}
