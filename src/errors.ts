import type { SandboxedFormat } from './knowledge/parse-sandbox/protocol.js';

/** Documents: reading, parsing (in the sandbox) and publishing them, and their legal status. */
type KnowledgeErrorCode =
  | 'bad_front_matter'
  | 'front_matter_language'
  | 'front_matter_too_long'
  | 'bad_regulation'
  | 'binary_file'
  | 'not_utf8'
  | 'unsupported_format'
  | 'document_too_large'
  | 'empty_document'
  | 'encrypted_pdf'
  | `unreadable_${SandboxedFormat}`
  | 'text_too_long'
  | 'pdf_too_many_pages'
  | 'pdf_page_timeout'
  | 'pdf_stream_too_large'
  | 'pdf_streams_too_large'
  | 'docx_entries'
  | 'docx_ratio'
  | 'docx_size_mismatch'
  | 'docx_too_large'
  | 'docx_xml_too_large'
  | 'parse_out_of_memory'
  | 'parse_timeout'
  | 'no_passages'
  | 'not_separable'
  | 'source_taken'
  | 'version_not_found'
  | 'relation_not_found'
  | 'bad_eval_file';

/** People, admin accounts, reminder schedules, flags, election periods and draft posts. */
type ServiceErrorCode =
  | 'not_found'
  | 'employee_not_found'
  | 'employee_inactive'
  | 'invalid_nip'
  | 'unknown_unit'
  | 'invalid_ttl'
  | 'bad_email'
  | 'weak_password'
  | 'password_mismatch'
  | 'default_schedule'
  | 'flag_not_found'
  | 'bad_election_period'
  | 'bad_post_rules'
  | 'post_empty'
  | 'post_too_long'
  | 'too_long';

/** Why an absence, a leave or a KPI log was not recorded (AttendanceProblem.code). */
export type AttendanceErrorCode =
  | 'attendance_invalid'
  | 'employee_not_found'
  | 'date_invalid'
  | 'dates_missing'
  | 'date_too_old'
  | 'date_too_far'
  | 'too_many_dates'
  | 'note_too_long'
  | 'absence_in_future'
  | 'absence_recorded'
  | 'not_working_day'
  | 'on_leave'
  | 'kind_unknown'
  | 'start_missing'
  | 'end_before_start'
  | 'leave_past'
  | 'leave_too_long'
  | 'kpi_activity_missing'
  | 'kpi_text_too_long'
  | 'kpi_in_future'
  | 'kpi_progress_invalid';

/**
 * Every code an AppError may carry: programs (the CLI's exit, the admin UI's status, a channel's
 * own wording) switch on these, so they are a closed list, not free strings.
 */
export type AppErrorCode = KnowledgeErrorCode | ServiceErrorCode | AttendanceErrorCode;

/**
 * An error a user should be told about, with a stable code for programs and a message in
 * Indonesian for people.
 */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: AppErrorCode,
    readonly userMessage: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${userMessage}`, options);
  }
}

/**
 * An outside service (OpenAI, Telegram, Slack) answered, and said no. `status` is the HTTP-like
 * status of the refusal (429 rate limited, 403 forbidden, 5xx its own trouble); `retryAfterMs`
 * is how long it asked us to wait, when it said.
 */
export class UpstreamError extends Error {
  override name = 'UpstreamError';
  readonly retryAfterMs?: number;
  constructor(
    readonly service: string,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(`${service}: ${message}`, options);
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** An outside service could not be reached or did not answer in time. */
export class UnreachableError extends Error {
  override name = 'UnreachableError';
  constructor(
    readonly service: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${service}: ${message}`, options);
  }
}
