// The flag message posted to the supervisor (or the HR channel), updated in place after each action.

import type { types } from '@slack/bolt';
import { flagKindLabels, type FlagView } from '../../../flags/flag-view.js';
import { context, esc, header, maxMessageBlocks, section } from '../block-kit.js';
import {
  evidenceLines,
  evidenceNotes,
  fallbackText,
  flagActions,
  ruleButton,
  severityLines,
  statusTexts,
  subjectText,
} from './flag-parts.js';

type KnownBlock = types.KnownBlock;

/**
 * The message posted to the supervisor (or the HR channel) and updated in place after each action:
 * who, what, the evidence in words, where the flag stands, and the buttons while it is open.
 */
export function flagMessage(flag: FlagView): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [header(flagKindLabels[flag.kind]), section(subjectText(flag))];
  blocks.push(section([`*${esc(flag.title)}*`, ...severityLines(flag)].join('\n')));
  if (flag.report !== null) blocks.push(section(`*Uraian:*\n${esc(flag.report.description) || '_(kosong)_'}`));
  const evidence = evidenceLines(flag);
  if (evidence.length > 0) blocks.push(section(evidence.join('\n')));
  const notes = evidenceNotes(flag);
  if (notes.length > 0) blocks.push(context(notes));
  blocks.push(context(statusTexts(flag)));
  if (flag.status === 'resolved') {
    blocks.push(context([`*Selesai:* ${esc(flag.resolution ?? '') || 'tanpa catatan'}`]));
    blocks.push({ type: 'actions', block_id: `flag:${flag.id}`, elements: [ruleButton(flag)] });
  } else blocks.push(flagActions(flag, { rule: true }));
  return { text: fallbackText(flag), blocks: blocks.slice(0, maxMessageBlocks) };
}
