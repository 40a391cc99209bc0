import { html } from 'hono/html';
import { csrfField } from '../auth/csrf-field.js';
import { formatMegabytes } from './format.js';
import type { Html } from './layout.js';

export interface UploadFormOptions {
  /** Unique within the page. */
  id: string;
  action: string;
  csrfToken: string;
  label: string;
  hint: string;
  /** The `accept` attribute: `.pdf,.docx,...`. */
  accept: string;
  maxBytes: number;
  submitLabel: string;
  /** Other fields of the form (hidden inputs, options). */
  extraFields?: Html;
}

/**
 * A plain multipart upload form that works without JavaScript; /admin/unggah.js (upload-script.ts)
 * adds the progress bar and the size check before sending.
 */
export function uploadForm(o: UploadFormOptions) {
  const tooBig = `Berkas terlalu besar: paling besar ${formatMegabytes(o.maxBytes)}.`;
  return html`<form
    id="${o.id}"
    method="post"
    action="${o.action}"
    enctype="multipart/form-data"
    data-upload
    data-max-bytes="${o.maxBytes}"
    data-too-big="${tooBig}"
  >
    ${csrfField(o.csrfToken)} ${o.extraFields ?? ''}
    <label for="${o.id}-berkas">${o.label}</label>
    <input id="${o.id}-berkas" name="berkas" type="file" accept="${o.accept}" required aria-describedby="${o.id}-petunjuk" />
    <p class="hint" id="${o.id}-petunjuk">${o.hint}</p>
    <progress max="100" value="0" hidden aria-label="Kemajuan unggahan"></progress>
    <p class="hint" data-status role="status" aria-live="polite"></p>
    <button type="submit">${o.submitLabel}</button>
  </form>`;
}
