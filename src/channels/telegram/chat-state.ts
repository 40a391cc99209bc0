import { randomBytes } from 'node:crypto';
import type { Turn } from '../../answering/compose-with-llm.js';
import type { Database } from '../../db/database.js';
import type { Prisma } from '../../generated/prisma/client.js';

/** A guided conversation in progress: which one, at which step, and the answers so far. */
export interface Flow {
  name: 'lapor' | 'kinerja' | 'cekpost';
  step: string;
  data: Record<string, string>;
  /**
   * Names the buttons shown for this step (their callback data carries it): a button of an
   * earlier step, an abandoned flow or another chat no longer matches, and does nothing.
   */
  token?: string;
}

/** A flow token: 8 hex characters, short enough for Telegram's 64-byte callback data. */
export const flowTokenPattern = '[0-9a-f]{8}';

/** A new token, for a step that shows buttons. */
export function newFlowToken(): string {
  return randomBytes(4).toString('hex');
}

export interface ChatState {
  language?: string;
  turns: Turn[];
  flow?: Flow;
}

/** How many earlier question/answer pairs a follow-up question sees. */
export const keptTurns = 3;

/** Reads a chat's state from the database, so that a restart forgets nothing. */
export async function loadChatState(db: Database, chatKey: string): Promise<ChatState> {
  const row = await db.prisma.chatState.findUnique({ where: { chatKey } });
  return {
    language: row?.language ?? undefined,
    turns: (row?.turns as unknown as Turn[] | undefined) ?? [],
    flow: (row?.flow as unknown as Flow | null) ?? undefined,
  };
}

export async function saveChatState(db: Database, chatKey: string, patch: Partial<ChatState>): Promise<void> {
  const data = {
    ...(patch.language !== undefined ? { language: patch.language } : {}),
    ...(patch.turns !== undefined ? { turns: patch.turns.slice(-keptTurns) as unknown as object } : {}),
    ...('flow' in patch ? { flow: (patch.flow ?? null) as unknown as object } : {}),
  };
  await db.prisma.chatState.upsert({ where: { chatKey }, create: { chatKey, ...data }, update: data });
}

/**
 * Moves the flow of a chat on from the step whose buttons carry `token` to `next` (or ends it),
 * only if that step is still the current one: a compare-and-set on the row, so of two presses
 * delivered at once, or a replay, exactly one moves the flow; the others get false and must do
 * nothing. Runs inside the caller's transaction when given one, so the step and what it records
 * commit together.
 */
export async function advanceFlow(
  db: Pick<Prisma.TransactionClient, '$executeRaw'>,
  chatKey: string,
  token: string,
  next: Flow | undefined,
): Promise<boolean> {
  const moved = await db.$executeRaw`UPDATE chat_state SET flow = ${next ? JSON.stringify(next) : null}::jsonb, updated_at = now()
    WHERE chat_key = ${chatKey} AND flow->>'token' = ${token}`;
  return moved === 1;
}
