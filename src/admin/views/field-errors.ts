// A refused form's errors, shown the same way in every admin form: the message under its field,
// the attributes that tie the field to its hint and its message (so a screen reader announces
// both), and one notice above the form saying how much needs fixing. Pure markup.
import { html } from 'hono/html';

/** A form's problems by field: one message, or several when a check finds more than one. */
export type FormErrors<F extends string> = Partial<Record<F, string | readonly string[]>>;

function messagesOf<F extends string>(errors: FormErrors<F>, field: F): readonly string[] {
  const messages = errors[field];
  if (messages === undefined) return [];
  return typeof messages === 'string' ? (messages ? [messages] : []) : messages;
}

/** How many messages the form has, over all its fields. */
function messageCount<F extends string>(errors: FormErrors<F>): number {
  return (Object.keys(errors) as F[]).reduce((n, field) => n + messagesOf(errors, field).length, 0);
}

/** The message(s) under a field, as `<id>-salah` (what the field's `aria-describedby` names); nothing without one. */
export function fieldError<F extends string>(errors: FormErrors<F>, field: F, id: string) {
  const messages = messagesOf(errors, field);
  if (messages.length === 0) return '';
  // A <p> cannot hold a list: several messages go in a <div>.
  return messages.length === 1
    ? html`<p class="hint field-error" id="${id}-salah">${messages[0]}</p>`
    : html`<div class="hint field-error" id="${id}-salah">
        <ul>
          ${messages.map((m) => html`<li>${m}</li>`)}
        </ul>
      </div>`;
}

/** `aria-describedby` for a field: its hint `<id>-petunjuk` (unless it has none), and its message when there is one. */
export function describedBy<F extends string>(errors: FormErrors<F>, field: F, id: string, hint = true): string {
  return [hint ? `${id}-petunjuk` : '', messagesOf(errors, field).length ? `${id}-salah` : ''].filter(Boolean).join(' ');
}

/** An input's `aria-invalid` and `aria-describedby` attributes. */
export function fieldState<F extends string>(errors: FormErrors<F>, field: F, id: string, hint = true) {
  return html`aria-invalid="${messagesOf(errors, field).length ? 'true' : 'false'}"
  aria-describedby="${describedBy(errors, field, id, hint)}"`;
}

/**
 * The alert above a refused form, `sentence` given the number of messages ("Jadwal belum disimpan:
 * 2 isian perlu diperbaiki."); nothing when the form has none.
 */
export function refusedNotice<F extends string>(errors: FormErrors<F>, sentence: (count: number) => string) {
  const count = messageCount(errors);
  return count ? html`<div class="notice bad" role="alert">${sentence(count)}</div>` : '';
}
