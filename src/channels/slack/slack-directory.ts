import type { WebClient } from '@slack/web-api';
import type { Database } from '../../db/database.js';

/** How long a "no Slack account for this email" answer is believed before asking Slack again. */
const notFoundTtlMs = 60 * 60_000;

/**
 * Maps employees to Slack users: the explicit Slack id of the employee record, else the account
 * with the record's email (users.lookupByEmail). A found id is written back to the record, so the
 * lookup happens once per person and every instance can tell who pressed a button; "not found" is
 * remembered for an hour. Network errors propagate: the caller retries later.
 */
export class SlackDirectory {
  private readonly notFound = new Map<string, number>();

  constructor(
    private readonly db: Database,
    private readonly client: WebClient,
  ) {}

  async slackIdOf(employeeId: number, now = Date.now()): Promise<string | null> {
    const employee = await this.db.prisma.employee.findUnique({
      where: { id: employeeId },
      select: { email: true, slackUserId: true },
    });
    if (!employee) return null;
    if (employee.slackUserId) return employee.slackUserId;
    const email = employee.email?.trim().toLowerCase();
    if (!email) return null;
    const missUntil = this.notFound.get(email);
    if (missUntil !== undefined && missUntil > now) return null;
    try {
      const answer = await this.client.users.lookupByEmail({ email });
      const id = answer.user?.id;
      if (!id) return null;
      await this.db.prisma.employee.update({ where: { id: employeeId }, data: { slackUserId: id } });
      return id;
    } catch (error) {
      if (platformError(error) === 'users_not_found') {
        this.notFound.set(email, now + notFoundTtlMs);
        return null;
      }
      throw error;
    }
  }

  /**
   * The employee behind a Slack user: by the remembered Slack id, else by the email Slack has for
   * them (users.info), which is then remembered. Null for someone outside the records.
   */
  async employeeOf(slackUserId: string): Promise<{ id: number; name: string } | null> {
    const known = await this.db.prisma.employee.findFirst({
      where: { slackUserId, active: true },
      select: { id: true, name: true },
    });
    if (known) return known;
    let email: string | undefined;
    try {
      email = (await this.client.users.info({ user: slackUserId })).user?.profile?.email?.trim();
    } catch (error) {
      if (platformError(error) === 'user_not_found') return null;
      throw error;
    }
    if (!email) return null;
    const employee = await this.db.prisma.employee.findFirst({
      where: { email: { equals: email, mode: 'insensitive' }, active: true, slackUserId: null },
      select: { id: true, name: true },
    });
    if (employee) await this.db.prisma.employee.update({ where: { id: employee.id }, data: { slackUserId } });
    return employee;
  }
}

/** The `error` of an `ok: false` answer, e.g. 'users_not_found'; undefined for other failures. */
export function platformError(error: unknown): string | undefined {
  const e = error as { code?: string; data?: { error?: string } };
  return e?.code === 'slack_webapi_platform_error' ? e.data?.error : undefined;
}
