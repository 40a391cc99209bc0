/**
 * An error's class and code (a Prisma `P2002`, a Node `ERR_...`) for logs and the inbox, never its
 * message: a database error's message may quote the update's text.
 */
export function errorLabel(error: unknown): string {
  // grammY wraps a middleware's error in a BotError: the inner one says what went wrong.
  const inner = (error as { error?: unknown } | undefined)?.error ?? error;
  const name = (inner as Error | undefined)?.name ?? typeof inner;
  const code = (inner as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `${name} ${code}` : name;
}
