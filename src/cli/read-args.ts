import { parseArgs, type ParseArgsConfig } from 'node:util';
import { arity, type Command, type Input, type OptionSpec } from './command-spec.js';
import { closest } from './suggest.js';
import { UsageError } from './usage-error.js';

type ParseOptions = NonNullable<ParseArgsConfig['options']>;

const helpOption = { type: 'boolean', short: 'h' } as const;

function parseOptions(options: Readonly<Record<string, OptionSpec>>): ParseOptions {
  const config: ParseOptions = { help: helpOption };
  for (const [name, o] of Object.entries(options))
    config[name] = o.type === 'string' && o.default !== undefined ? { type: 'string', default: o.default } : { type: o.type };
  return config;
}

function unknownOption(command: Command, raw: string): string {
  const names = Object.keys(command.options ?? {});
  const guess = raw.startsWith('--') ? closest(raw.slice(2), [...names, 'help']) : undefined;
  if (guess) return `Opsi tidak dikenal: ${raw}. Maksud Anda --${guess}?`;
  const known = names.length
    ? `Opsi asn ${command.name}: ${names.map((n) => `--${n}`).join(', ')}.`
    : `asn ${command.name} tidak memakai opsi.`;
  // A question or name that starts with '-' reads as an option; '--' ends the options.
  return `Opsi tidak dikenal: ${raw}. ${known} Teks yang diawali "-" ditulis sesudah --.`;
}

/** '<TTTT-BB-HH> dan <nama>', '<berkas-atau-folder>' (without the '...' that says "one or more"). */
const missing = (args: string[]) => args.map((a) => a.replace(/\.\.\.$/, '')).join(' dan ');

/**
 * Reads a command's words against its declared options: 'help' when `--help` or `-h` is among
 * them, else the Input. Throws a UsageError, in Indonesian, on an unknown option (suggesting the
 * closest one), an option without its value, and missing or extra arguments.
 */
export function readArgs(command: Command, args: string[]): Input | 'help' {
  const specs = command.options ?? {};
  const config = parseOptions(specs);
  // A lenient pass first: it lists every option as written, so the messages are ours, not node's English.
  const { tokens } = parseArgs({ args, options: config, strict: false, allowPositionals: true, tokens: true });
  if (tokens.some((t) => t.kind === 'option' && t.name === 'help')) return 'help';
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const spec = specs[t.name];
    if (!spec) throw new UsageError(unknownOption(command, t.rawName));
    // `--k --json` would take "--json" as the value of --k.
    if (spec.type === 'string' && (t.value === undefined || (!t.inlineValue && t.value.startsWith('-'))))
      throw new UsageError(`Opsi --${t.name} perlu nilai, misalnya --${t.name} ${spec.value ?? spec.default ?? '...'}.`);
    if (spec.type === 'boolean' && t.value !== undefined)
      throw new UsageError(`Opsi --${t.name} tidak memakai nilai: tulis --${t.name} saja.`);
  }
  let parsed: ReturnType<typeof parseArgs<{ options: ParseOptions; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args, options: config, strict: true, allowPositionals: true });
  } catch {
    // Not expected after the checks above; node's message would be English.
    throw new UsageError(`Argumen tidak dapat dibaca: ${args.join(' ')}`);
  }
  const { values, positionals } = parsed;

  const { required, max } = arity(command);
  if (positionals.length < required.length) throw new UsageError(`Sebutkan ${missing(required.slice(positionals.length))}.`);
  if (positionals.length > max) throw new UsageError(`Terlalu banyak argumen: ${positionals.slice(max).join(' ')}.`);
  for (const [name, spec] of Object.entries(specs))
    if (spec.required && values[name] === undefined)
      throw new UsageError(`Sebutkan --${name} ${spec.value ?? ''}`.trimEnd() + '.');

  const declared = (name: string, type: OptionSpec['type']) => {
    // A handler asking for an option it did not declare is a bug, not a user's mistake.
    if (specs[name]?.type !== type) throw new Error(`asn ${command.name} has no ${type} option --${name}`);
    return values[name];
  };
  return {
    positionals,
    text: (name) => declared(name, 'string') as string | undefined,
    flag: (name) => declared(name, 'boolean') === true,
  };
}
