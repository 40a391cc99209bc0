import { type Config, ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { AppError } from '../errors.js';
import { processStreams, type CliStreams } from './cli-io.js';
import type { Command } from './command-spec.js';
import { commands } from './commands.js';
import { findCommand } from './find-command.js';
import { commandHelp, groupHelp, overviewHelp, usageFailure } from './help-text.js';
import { readArgs } from './read-args.js';
import { UsageError } from './usage-error.js';

/**
 * `asn <command>`: exit 0 when everything asked was done, 1 when the work failed (wholly or for
 * some items, each named on stderr), 2 on wrong words or settings, before anything was done.
 * Help, unknown commands and wrong arguments are answered without reading the settings or
 * opening a database.
 */
export async function runCli(argv: string[], streams: CliStreams = processStreams): Promise<number> {
  const found = findCommand(commands, argv);
  switch (found.kind) {
    case 'overview':
      (found.asked ? streams.stdout : streams.stderr)(overviewHelp(commands));
      return found.asked ? 0 : 2;
    case 'group':
      if (found.asked) streams.stdout(groupHelp(commands, found.group));
      else streams.stderr(groupHelp(commands, found.group, `Perintah asn ${found.group} belum lengkap; pilih salah satu:`));
      return found.asked ? 0 : 2;
    case 'help':
      streams.stdout(commandHelp(found.command));
      return 0;
    case 'unknown':
      streams.stderr(`${found.message}\nLihat: ${found.hint}\n`);
      return 2;
  }
  const command: Command = found.command;
  let plan: unknown;
  try {
    const input = readArgs(command, found.args);
    if (input === 'help') {
      streams.stdout(commandHelp(command));
      return 0;
    }
    plan = command.plan ? command.plan(input) : input;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    streams.stderr(usageFailure(command, error.message));
    return 2;
  }

  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      streams.stderr(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  // stdout carries the results; logs go to stderr, and only warnings unless asked.
  const logger = createLogger(process.env.LOG_LEVEL ? config.logLevel : 'warn', 2);
  // Loaded only now: help and usage errors are answered without the services' modules (a second less).
  const { createAppContext } = await import('../app-context.js');
  const ctx = await createAppContext(config, logger);
  try {
    return await command.run(ctx, plan);
  } catch (error) {
    if (error instanceof UsageError) {
      streams.stderr(usageFailure(command, error.message));
      return 2;
    }
    if (error instanceof AppError) {
      streams.stderr(`Gagal: ${error.userMessage}\n`);
      return 1;
    }
    throw error;
  } finally {
    await ctx.close();
  }
}
