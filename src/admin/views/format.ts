import { officeZone, zoneLabel } from '../../calendar/local-time.js';

/** Dates and numbers as Indonesian readers expect them, in the office zone (WIB, the admin UI's). */
const dateTime = new Intl.DateTimeFormat('id-ID', { timeZone: officeZone, dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('id-ID', { timeZone: officeZone, day: 'numeric', month: 'short' });
const timeOnly = new Intl.DateTimeFormat('id-ID', { timeZone: officeZone, timeStyle: 'short' });

export const formatDateTime = (d: Date) => `${dateTime.format(d)} ${zoneLabel(officeZone)}`;
export const formatDay = (d: Date) => dateOnly.format(d);
export const formatTime = (d: Date) => `${timeOnly.format(d)} ${zoneLabel(officeZone)}`;
export const formatPercent = (x: number) => `${Math.round(x * 100)}%`;
export const formatNumber = (x: number, digits = 0) =>
  x.toLocaleString('id-ID', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const formatMegabytes = (bytes: number) =>
  `${formatNumber(Math.round((bytes / 1048576) * 10) / 10, bytes % 1048576 ? 1 : 0)} MB`;
