/**
 * Served at /admin/unggah.js (a file, not inline, so the admin pages' CSP allows no inline script).
 * Every `form[data-upload]` still works without it; with it, the form is sent by XMLHttpRequest to
 * show the upload's progress, a file over `data-max-bytes` is refused before it is sent (with the
 * form's `data-too-big` text), and the page the server answered with is then shown.
 */
export const uploadScript = `(function () {
  if (!window.FormData || !window.XMLHttpRequest) return;
  document.querySelectorAll('form[data-upload]').forEach(function (form) {
    var bar = form.querySelector('progress'), status = form.querySelector('[data-status]'), button = form.querySelector('button');
    form.addEventListener('submit', function (event) {
      var file = form.querySelector('input[type=file]').files[0];
      event.preventDefault();
      if (file && file.size > Number(form.dataset.maxBytes)) {
        status.textContent = form.dataset.tooBig;
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
  });
})();
`;
