import type { Command } from './command-spec.js';
import { closest } from './suggest.js';

/** What the first words of `asn ...` ask for. */
export type Resolution =
  | { kind: 'command'; command: Command; args: string[] }
  /** `asn <command> --help` is read later, with the command's options; this is `asn help <command>`. */
  | { kind: 'help'; command: Command }
  /** `asn`, `asn help`: asked is false when nothing was typed (exit 2, to stderr). */
  | { kind: 'overview'; asked: boolean }
  /** `asn kb`, `asn kb --help`. */
  | { kind: 'group'; group: string; asked: boolean }
  | { kind: 'unknown'; message: string; hint: string };

const isHelpFlag = (word: string) => word === '--help' || word === '-h';

/** The command's first word; for a group ('kb'), its second words ('ingest', 'list'). */
function subcommandsOf(commands: readonly Command[], group: string): string[] {
  return commands.filter((c) => c.name.startsWith(`${group} `)).map((c) => c.name.slice(group.length + 1));
}

/** Finds the command the words name, or says what was probably meant. */
export function findCommand(commands: readonly Command[], argv: readonly string[]): Resolution {
  const [first, ...rest] = argv;
  if (first === undefined) return { kind: 'overview', asked: false };
  if (first === 'help' || isHelpFlag(first)) {
    if (rest.length === 0) return { kind: 'overview', asked: true };
    const inner = findCommand(commands, rest);
    if (inner.kind === 'command') return { kind: 'help', command: inner.command };
    if (inner.kind === 'group') return { ...inner, asked: true };
    return inner;
  }
  if (first.startsWith('-'))
    return {
      kind: 'unknown',
      message: `Opsi ${first} ditulis sesudah perintahnya, misalnya: asn kb list --json.`,
      hint: 'asn --help',
    };

  const single = commands.find((c) => c.name === first);
  if (single) return { kind: 'command', command: single, args: rest };
  const subs = subcommandsOf(commands, first);
  const [second, ...more] = rest;
  if (subs.length > 0) {
    if (second === undefined || second.startsWith('-')) return { kind: 'group', group: first, asked: rest.some(isHelpFlag) };
    const command = commands.find((c) => c.name === `${first} ${second}`);
    if (command) return { kind: 'command', command, args: more };
    const guess = closest(second, subs);
    return {
      kind: 'unknown',
      message: guess
        ? `Perintah tidak dikenal: asn ${first} ${second}. Maksud Anda: asn ${first} ${guess}?`
        : `Perintah tidak dikenal: asn ${first} ${second}. Perintah asn ${first}: ${subs.join(', ')}.`,
      hint: `asn ${first} --help`,
    };
  }

  // An unknown first word: the closest command or group, then within a group the closest second word.
  const firsts = [...new Set(commands.map((c) => c.name.split(' ')[0]!))];
  const group = closest(first, firsts);
  const groupSubs = group ? subcommandsOf(commands, group) : [];
  const typedSecond = groupSubs.length > 0 && second !== undefined && !second.startsWith('-') ? second : undefined;
  const sub =
    typedSecond === undefined ? undefined : groupSubs.includes(typedSecond) ? typedSecond : closest(typedSecond, groupSubs);
  const typed = typedSecond === undefined ? `asn ${first}` : `asn ${first} ${typedSecond}`;
  const guess = group && (sub ? `asn ${group} ${sub}` : `asn ${group}`);
  return {
    kind: 'unknown',
    message: guess ? `Perintah tidak dikenal: ${typed}. Maksud Anda: ${guess}?` : `Perintah tidak dikenal: ${typed}.`,
    hint: 'asn --help',
  };
}
