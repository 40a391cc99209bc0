/**
 * The one stylesheet of the admin UI, served at /admin/gaya.css. Mobile first; colours meet WCAG
 * AA contrast on white; focus is always visible.
 */
export const adminStylesheet = `
:root { --ink: #1b1f24; --muted: #4a5360; --line: #c9d1da; --bg: #f5f7fa; --brand: #0b4f8a; --brand-ink: #fff;
  --ok: #1d6b36; --ok-bg: #e5f4ea; --warn: #8a4b00; --warn-bg: #fff4e0; --bad: #a11b1b; --bad-bg: #fde8e8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--brand); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible {
  outline: 3px solid #f0a500; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--brand); color: var(--brand-ink); padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: 0; }
header.top { background: var(--brand); color: var(--brand-ink); padding: .5rem 1rem; display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; }
header.top a { color: var(--brand-ink); }
header.top .app { font-weight: 700; text-decoration: none; margin-right: auto; }
header.top .who { font-size: .9rem; }
header.top form { display: inline; }
header.top button { background: transparent; color: var(--brand-ink); border: 1px solid var(--brand-ink); }
nav.menu { background: #fff; border-bottom: 1px solid var(--line); overflow-x: auto; }
nav.menu ul { list-style: none; margin: 0; padding: 0 .5rem; display: flex; gap: .25rem; }
nav.menu a { display: block; padding: .75rem .75rem; white-space: nowrap; text-decoration: none; color: var(--ink); border-bottom: 3px solid transparent; }
nav.menu a[aria-current="page"] { border-bottom-color: var(--brand); font-weight: 600; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 1rem; margin: 0 0 1rem; }
.notice { border-radius: 6px; padding: .75rem 1rem; margin: 0 0 1rem; border: 1px solid; }
.notice.ok { background: var(--ok-bg); color: var(--ok); border-color: var(--ok); }
.notice.warn { background: var(--warn-bg); color: var(--warn); border-color: var(--warn); }
.notice.bad { background: var(--bad-bg); color: var(--bad); border-color: var(--bad); }
label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
.hint { color: var(--muted); font-size: .9rem; margin: .25rem 0; }
.hint.field-error { color: var(--bad); font-weight: 600; }
label.choice { display: inline-block; font-weight: normal; margin-right: 1rem; }
.wrap-lines { white-space: pre-wrap; }
pre.wrap-lines { margin: 0; }
dl.facts dd { margin: 0 0 .5rem; }
.link-code { font-size: 2rem; font-weight: 700; letter-spacing: .15em; margin: .5rem 0; }
input[type=text], input[type=email], input[type=password], input[type=file], textarea, select {
  width: 100%; max-width: 40rem; padding: .5rem; font: inherit; border: 1px solid var(--muted); border-radius: 4px; background: #fff; }
textarea { min-height: 6rem; }
button, .button { display: inline-block; font: inherit; padding: .5rem 1rem; border-radius: 4px; border: 1px solid var(--brand);
  background: var(--brand); color: var(--brand-ink); cursor: pointer; text-decoration: none; margin: .5rem .5rem 0 0; }
button.secondary, .button.secondary { background: #fff; color: var(--brand); }
button.danger { background: var(--bad); border-color: var(--bad); }
form.inline { display: inline; }
table { width: 100%; border-collapse: collapse; background: #fff; }
th, td { text-align: left; padding: .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef2f6; }
.table-wrap { overflow-x: auto; margin: 0 0 1rem; }
.tag { display: inline-block; padding: 0 .5rem; border-radius: 999px; font-size: .85rem; border: 1px solid; }
.tag.ok { color: var(--ok); background: var(--ok-bg); }
.tag.warn { color: var(--warn); background: var(--warn-bg); }
.tag.bad { color: var(--bad); background: var(--bad-bg); }
.muted { color: var(--muted); }
.passage { border-left: 4px solid var(--line); padding: .25rem .75rem; margin: .75rem 0; background: #fff; }
.passage h3 { font-size: 1rem; margin: 0 0 .25rem; }
.passage p { margin: 0; white-space: pre-wrap; }
.side-by-side { display: grid; grid-template-columns: 1fr; gap: 1rem; }
@media (min-width: 48rem) { .side-by-side { grid-template-columns: 1fr 1fr; } }
.charts { display: grid; grid-template-columns: 1fr; gap: 1rem; }
@media (min-width: 48rem) { .charts { grid-template-columns: 1fr 1fr; } }
figure { margin: 0; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { font-weight: 600; margin-bottom: .5rem; }
progress { width: 100%; max-width: 40rem; height: 1.25rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
footer { text-align: center; color: var(--muted); font-size: .85rem; padding: 2rem 1rem; }
`;
