// What a channel (Slack, the admin UI, the CLI) needs to show a flag, read from the database in one
// place (load-flag-view.ts) so that every channel shows the same facts and the same protections:
// a report's reporter is left out here unless they agreed to be named.

import type { FlagKind as RuleFlagKind, FlagSeverity } from './flag-rules.js';

export type FlagKind = RuleFlagKind | 'report';
export type FlagStatus = 'open' | 'escalated' | 'acknowledged' | 'resolved';

export interface PersonRef {
  id: number;
  nip: string;
  name: string;
  position: string | null;
  unitName: string | null;
}

export interface FlagEventView {
  at: Date;
  /** "sistem", "slack:<user id>", "admin:<id>", "cli". */
  actor: string;
  /** The actor's name when known (an employee or admin account), for the audit trail. */
  actorName: string | null;
  action: 'raised' | 'updated' | 'escalated' | 'acknowledged' | 'resolved' | 'delivered';
  detail: Record<string, unknown>;
}

export interface FlagView {
  id: number;
  kind: FlagKind;
  period: string;
  title: string;
  severity: FlagSeverity;
  status: FlagStatus;
  /** 0 = the direct supervisor, 1 = the one above, ... */
  level: number;
  article: string | null;
  evidence: Record<string, unknown>;
  /** Who the flag is about; null for a report. */
  employee: PersonRef | null;
  /** Who must act now; null means HR. */
  assignee: PersonRef | null;
  raisedAt: Date;
  updatedAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  resolution: string | null;
  /** Only for kind 'report'. `reporter` is null unless the reporter agreed to be named. */
  report: { id: number; category: string; subject: string; description: string; reporter: PersonRef | null } | null;
  events: FlagEventView[];
}

export const flagKindLabels: Record<FlagKind, string> = {
  kpi_missing: 'Catatan kinerja kosong',
  discipline_unanswered: 'Pengingat disiplin tidak dijawab',
  absence_threshold: 'Ketidakhadiran tanpa keterangan',
  report: 'Laporan pegawai',
};

/** What each step of the audit trail is called. */
export const flagEventLabels: Record<FlagEventView['action'], string> = {
  raised: 'Dibuat',
  updated: 'Diperbarui',
  escalated: 'Dieskalasi',
  acknowledged: 'Ditindaklanjuti',
  resolved: 'Diselesaikan',
  delivered: 'Dikirim ke Slack',
};

export const flagStatusLabels: Record<FlagStatus, string> = {
  open: 'Terbuka',
  escalated: 'Dieskalasi',
  acknowledged: 'Ditindaklanjuti',
  resolved: 'Selesai',
};
