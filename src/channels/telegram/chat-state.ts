import type { Turn } from '../../answering/compose-with-llm.js';
import type { Database } from '../../db/database.js';

/** A guided conversation in progress: which one, at which step, and the answers so far. */
export interface Flow {
  name: 'lapor' | 'kinerja';
  step: string;
  data: Record<string, string>;
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
