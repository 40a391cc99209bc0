import type { FlagState } from '../../flags/flag-actions.js';

const statuses = ['open', 'escalated', 'acknowledged', 'resolved'] as const;

/**
 * What a flag's buttons and resolve modal carry (button `value`, modal `private_metadata`):
 * `<id>:<status>:<level>`, the state they were rendered with, so a press is applied only while the
 * flag still stands there. Some 25 characters, far under Slack's 2,000 (value) and 3,000 (metadata).
 */
export function flagButtonValue(flag: { id: number; status: string; level: number }): string {
  return `${flag.id}:${flag.status}:${flag.level}`;
}

/**
 * The flag and the state a button or modal was rendered with; `seen` is absent for a plain id, the
 * value of messages posted before states were carried. Null for anything else.
 */
export function parseFlagButtonValue(value: string | undefined): { flagId: number; seen?: FlagState } | null {
  const legacy = /^(\d{1,9})$/.exec(value ?? '');
  if (legacy) return { flagId: Number(legacy[1]) };
  const match = /^(\d{1,9}):([a-z]+):(\d{1,4})$/.exec(value ?? '');
  if (!match || !(statuses as readonly string[]).includes(match[2]!)) return null;
  return { flagId: Number(match[1]), seen: { status: match[2]!, level: Number(match[3]) } };
}
