import { LogLevel, type Logger as SlackLogger } from '@slack/web-api';
import { pino } from 'pino';

/** A real pino logger that writes nowhere, for services under test. */
export const silentLogger = pino({ level: 'silent' });

/** The same for Slack's clients (WebClient, Bolt), which take their own logger shape. */
export const silentSlackLogger: SlackLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};
