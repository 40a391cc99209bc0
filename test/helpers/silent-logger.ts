import { pino } from 'pino';

/** A real pino logger that writes nowhere, for services under test. */
export const silentLogger = pino({ level: 'silent' });
