// One `asn` command as data: its words, options, help and handler. The overview, each command's
// `--help`, the usage line of a usage error and the argument checks are all generated from these
// entries, so they cannot say different things.
import type { AppContext } from '../app-context.js';

/** One option of a command, as it is read and as the help shows it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** What the value looks like in the usage line (string options): '5', 'KODE', 'berlaku|dicabut'. */
  value?: string;
  default?: string;
  /** Shown without brackets; the command does not run without it. */
  required?: boolean;
  /** One line for `--help`. */
  help: string;
}

/** The words after a command's name, read against its declared options. */
export interface Input {
  positionals: string[];
  /** A string option's value (or its default); undefined when not given. */
  text(name: string): string | undefined;
  /** Whether a boolean option was given. */
  flag(name: string): boolean;
}

export interface CommandSpec<Plan = Input> {
  /** 'kb ingest', 'ask'. */
  name: string;
  /** Positional arguments as the usage line shows them: '<NIP>', '[selesai]', '<berkas>...'. */
  args?: readonly string[];
  /** The last argument may be written as several words (a NIP in groups, a name, a question). */
  restInLast?: boolean;
  options?: Readonly<Record<string, OptionSpec>>;
  /** One line for the overview. */
  summary: string;
  /** More lines for the command's own `--help`. */
  details?: readonly string[];
  examples?: readonly string[];
  /**
   * Checks the words and turns them into what to do, throwing a UsageError when they are wrong.
   * It runs before the settings are read or a database is opened: exit code 2 means nothing was done.
   * Without it, `run` receives the Input itself.
   */
  plan?(input: Input): Plan;
  run(ctx: AppContext, plan: Plan): Promise<number>;
}

export type Command = CommandSpec<unknown>;

/** Declares a command; the generic ties its `plan` to its `run`. */
export function defineCommand<Plan = Input>(spec: CommandSpec<Plan>): Command {
  return spec;
}

/** `[--k 5]`, `--unit KODE`, `[--json]`. */
function optionToken(name: string, option: OptionSpec): string {
  const text = option.type === 'boolean' ? `--${name}` : `--${name} ${option.value ?? option.default ?? 'NILAI'}`;
  return option.required ? text : `[${text}]`;
}

/** The usage line as words: ['asn', 'people', 'code', '<NIP>', '[--days 7]']. */
export function usageTokens(command: Command): string[] {
  const options = Object.entries(command.options ?? {}).map(([name, option]) => optionToken(name, option));
  return ['asn', ...command.name.split(' '), ...(command.args ?? []), ...options];
}

/** `asn people code <NIP> [--days 7]`. */
export function usageLine(command: Command): string {
  return usageTokens(command).join(' ');
}

/** How many positional arguments the command takes. */
export function arity(command: Command): { required: string[]; max: number } {
  const args = command.args ?? [];
  const required = args.filter((a) => !a.startsWith('['));
  const max = command.restInLast || args.some((a) => a.endsWith('...')) ? Infinity : args.length;
  return { required, max };
}
