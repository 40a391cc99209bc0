import { type Config, ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { createAppContext } from '../app-context.js';
import { AppError } from '../errors.js';
import { commands, usage } from './commands.js';
import { UsageError } from './usage-error.js';

/** `asn <command>`: exit 0 on success, 1 when the work failed, 2 on wrong usage or settings. */
export async function runCli(argv: string[]): Promise<number> {
  const [group, sub, ...rest] = argv;
  const key = group && sub && commands[`${group} ${sub}`] ? `${group} ${sub}` : group;
  const command = key ? commands[key] : undefined;
  if (!command || group === '--help' || group === 'help') {
    (command ? process.stdout : process.stderr).write(usage);
    return command ? 0 : 2;
  }
  const args = key === group ? [sub, ...rest].filter((a): a is string => a !== undefined) : rest;
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  // stdout carries the results; logs go to stderr, and only warnings unless asked.
  const logger = createLogger(process.env.LOG_LEVEL ? config.logLevel : 'warn', 2);
  const ctx = await createAppContext(config, logger);
  try {
    return await command.run(ctx, args);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${usage}`);
      return 2;
    }
    if (error instanceof AppError) {
      process.stderr.write(`Gagal: ${error.userMessage}\n`);
      return 1;
    }
    throw error;
  } finally {
    await ctx.close();
  }
}
