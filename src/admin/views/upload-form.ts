import { html, raw } from 'hono/html';
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
 * A plain multipart upload form that works without JavaScript. With it, a small inline script
 * sends the same form by XMLHttpRequest to show the upload's progress, refuses a file over the
 * limit before sending it, and then shows the page the server answered with.
 */
export function uploadForm(o: UploadFormOptions) {
  const script = `(function () {
  var form = document.getElementById(${JSON.stringify(o.id)});
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  var bar = form.querySelector('progress'), status = form.querySelector('[data-status]'), button = form.querySelector('button');
  form.addEventListener('submit', function (event) {
    var file = form.querySelector('input[type=file]').files[0];
    event.preventDefault();
    if (file && file.size > ${Number(o.maxBytes)}) {
      status.textContent = 'Berkas terlalu besar: paling besar ${formatMegabytes(o.maxBytes)}.';
      return;
    }
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.upload.onprogress = function (e) {
      if (!e.lengthComputable) return;
      var pct = Math.round((e.loaded / e.total) * 100);
      bar.value = pct;
      status.textContent = pct < 100 ? 'Mengunggah… ' + pct + '%' : 'Memproses dokumen…';
    };
    xhr.onload = function () {
      document.open();
      document.write(xhr.responseText);
      document.close();
      if (xhr.responseURL) history.replaceState(null, '', xhr.responseURL);
    };
    xhr.onerror = function () {
      status.textContent = 'Unggahan gagal: koneksi terputus. Coba lagi.';
      button.disabled = false;
      bar.hidden = true;
    };
    bar.hidden = false;
    button.disabled = true;
    xhr.send(new FormData(form));
  });
})();`;
  return html`<form id="${o.id}" method="post" action="${o.action}" enctype="multipart/form-data">
      ${csrfField(o.csrfToken)} ${o.extraFields ?? ''}
      <label for="${o.id}-berkas">${o.label}</label>
      <input id="${o.id}-berkas" name="berkas" type="file" accept="${o.accept}" required aria-describedby="${o.id}-petunjuk" />
      <p class="hint" id="${o.id}-petunjuk">${o.hint}</p>
      <progress max="100" value="0" hidden aria-label="Kemajuan unggahan"></progress>
      <p class="hint" data-status role="status" aria-live="polite"></p>
      <button type="submit">${o.submitLabel}</button>
    </form>
    <script>
      ${raw(script)};
    </script>`;
}
