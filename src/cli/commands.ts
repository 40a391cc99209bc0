// The table of `asn` commands, in the order the overview shows them. Each entry carries its usage,
// summary, options and handler (see command-spec.ts); help and usage errors are generated from it.
import { adminCommands } from './admin-commands.js';
import type { Command } from './command-spec.js';
import { flagCommands } from './flag-commands.js';
import { knowledgeCommands } from './knowledge-commands.js';
import { peopleCommands } from './people-commands.js';
import { postCommands } from './post-commands.js';
import { reminderCommands } from './reminder-commands.js';

export const commands: readonly Command[] = [
  ...knowledgeCommands,
  ...postCommands,
  ...peopleCommands,
  ...reminderCommands,
  ...flagCommands,
  ...adminCommands,
];
