/**
 * The chat page: plain HTML, a stylesheet and a little script, no build step. The script and the
 * styles are files of their own (`/chat/obrolan.js`, `/chat/obrolan.css`) so that the page's
 * Content Security Policy runs no inline code. Bot messages use Telegram's HTML subset.
 */
export function localChatPage(): string {
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Asisten ASN — obrolan lokal</title>
<link rel="stylesheet" href="/chat/obrolan.css">
</head>
<body>
<header><h1>Asisten ASN</h1><p>Obrolan lokal: percakapan yang sama seperti di Telegram. Coba <b>/bantuan</b> atau tulis pertanyaan.</p></header>
<main id="log" aria-live="polite"></main>
<form id="form">
  <label for="text">Pesan</label>
  <input id="text" name="text" autocomplete="off" placeholder="Tulis pertanyaan, misalnya: apa sanksi bolos 5 hari?" required maxlength="20000">
  <button type="submit">Kirim</button>
</form>
<script src="/chat/obrolan.js" defer></script>
</body>
</html>`;
}

/** The page's stylesheet, served as /chat/obrolan.css. */
export const localChatStyles = `  :root { color-scheme: light; font-family: system-ui, sans-serif; }
  body { margin: 0; background: #eef2f5; color: #1b1f23; }
  header { background: #0b5394; color: #fff; padding: .75rem 1rem; }
  header h1 { font-size: 1.1rem; margin: 0; }
  header p { margin: .2rem 0 0; font-size: .85rem; }
  main { max-width: 46rem; margin: 0 auto; padding: 1rem; padding-bottom: 6rem; }
  .msg { max-width: 85%; margin: .5rem 0; padding: .6rem .8rem; border-radius: .6rem; white-space: pre-wrap; line-height: 1.4; }
  .me { margin-left: auto; background: #d7ecff; }
  .bot { background: #fff; border: 1px solid #d0d7de; }
  .notice { font-size: .85rem; color: #444; text-align: center; }
  .buttons { display: flex; flex-wrap: wrap; gap: .4rem; margin-top: .5rem; }
  .buttons button { border: 1px solid #0b5394; background: #fff; color: #0b5394; border-radius: .4rem; padding: .35rem .6rem; cursor: pointer; font: inherit; }
  form { position: fixed; bottom: 0; left: 0; right: 0; background: #fff; border-top: 1px solid #d0d7de; padding: .6rem; display: flex; gap: .5rem; justify-content: center; }
  form label { position: absolute; left: -9999px; }
  form input { flex: 1; max-width: 38rem; padding: .6rem; font: inherit; border: 1px solid #8c959f; border-radius: .4rem; }
  form button { padding: .6rem 1rem; font: inherit; background: #0b5394; color: #fff; border: 0; border-radius: .4rem; }
  :focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
`;

/** The page's script, served as /chat/obrolan.js. */
export const localChatScript = `const log = document.getElementById('log');
const form = document.getElementById('form');
const input = document.getElementById('text');
const allowed = new Set(['B', 'STRONG', 'I', 'EM', 'U', 'S', 'CODE', 'PRE', 'A', 'BLOCKQUOTE', 'BR']);
// Bot messages are Telegram HTML; keep only its tags, and only safe links.
function safeFragment(html) {
  const doc = new DOMParser().parseFromString('<body>' + html + '</body>', 'text/html');
  const clean = (node) => {
    for (const child of [...node.childNodes]) {
      if (child.nodeType === 1) {
        if (!allowed.has(child.tagName)) { child.replaceWith(...child.childNodes); clean(node); return; }
        for (const a of [...child.attributes]) if (!(child.tagName === 'A' && a.name === 'href' && /^https?:/.test(a.value))) child.removeAttribute(a.name);
        clean(child);
      }
    }
  };
  clean(doc.body);
  return doc.body.innerHTML;
}
function add(kind, html, buttons, id) {
  const div = document.createElement('div');
  div.className = 'msg ' + kind;
  if (id) div.dataset.id = id;
  div.innerHTML = kind === 'me' ? '' : safeFragment(html || '');
  if (kind === 'me') div.textContent = html;
  renderButtons(div, buttons, id);
  log.appendChild(div);
  div.scrollIntoView({ block: 'end' });
}
function renderButtons(div, buttons, id) {
  div.querySelector('.buttons')?.remove();
  if (!buttons || !buttons.length) return;
  const box = document.createElement('div');
  box.className = 'buttons';
  for (const row of buttons) for (const b of row) {
    const btn = document.createElement('button');
    btn.type = 'button';
    btn.textContent = b.text;
    btn.onclick = () => send({ button: { messageId: id, data: b.data } }, b.text);
    box.appendChild(btn);
  }
  div.appendChild(box);
}
async function send(body, echo) {
  if (echo) add('me', echo);
  const res = await fetch('/chat/api', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = await res.json();
  if (!res.ok) { add('notice', data.message || 'Terjadi kesalahan.'); return; }
  for (const o of data.outputs) {
    if (o.kind === 'message') add('bot', o.html, o.buttons, o.messageId);
    else if (o.kind === 'notice') add('notice', o.text);
    else if (o.kind === 'edit') {
      const div = log.querySelector('[data-id="' + o.messageId + '"]');
      if (div) { if (o.html) div.innerHTML = safeFragment(o.html); renderButtons(div, o.buttons, o.messageId); }
    }
  }
}
form.addEventListener('submit', (e) => { e.preventDefault(); const text = input.value.trim(); if (!text) return; input.value = ''; send({ text }, text); });
send({ text: '/start' });
`;
