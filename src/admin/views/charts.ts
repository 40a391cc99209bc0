import { html, raw } from 'hono/html';

/**
 * Small charts drawn on the server as inline SVG (no chart library, no script). Each one is an
 * image with a title and a description for screen readers, followed by its data as a table.
 */

export interface ChartBar {
  label: string;
  value: number;
  /** What the table shows instead of the bare value, e.g. "12 (40%)". */
  display?: string;
}

export interface ChartOptions {
  /** Unique within the page: ids of the title and description. */
  id: string;
  title: string;
  /** One sentence a screen reader reads instead of looking at the bars. */
  description: string;
  bars: ChartBar[];
  /** The scale's top; by default the largest value. */
  max?: number;
  /** Column heading of the values in the table. */
  valueLabel?: string;
}

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function dataTable(o: ChartOptions) {
  return html`<details>
    <summary>Data (tabel)</summary>
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">
          ${o.title}
        </caption>
        <thead>
          <tr>
            <th scope="col">Keterangan</th>
            <th scope="col">${o.valueLabel ?? 'Jumlah'}</th>
          </tr>
        </thead>
        <tbody>
          ${o.bars.map(
            (b) =>
              html`<tr>
                <th scope="row">${b.label}</th>
                <td>${b.display ?? String(b.value)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </details>`;
}

/** Horizontal bars, one row per item: reads well on a phone. */
export function barChart(o: ChartOptions) {
  const rowHeight = 28;
  const labelWidth = 190;
  const width = 600;
  const barArea = width - labelWidth - 70;
  const max = o.max ?? Math.max(1, ...o.bars.map((b) => b.value));
  const height = Math.max(1, o.bars.length) * rowHeight + 8;
  const rows = o.bars
    .map((b, i) => {
      const y = 4 + i * rowHeight;
      const w = max > 0 ? Math.round((b.value / max) * barArea) : 0;
      const label = b.label.length > 28 ? `${b.label.slice(0, 27)}…` : b.label;
      return (
        `<text x="${labelWidth - 8}" y="${y + 18}" text-anchor="end" font-size="13" fill="#1b1f24">${escapeXml(label)}</text>` +
        `<rect x="${labelWidth}" y="${y + 4}" width="${Math.max(w, b.value > 0 ? 2 : 0)}" height="${rowHeight - 10}" fill="#0b4f8a" rx="2"/>` +
        `<text x="${labelWidth + w + 6}" y="${y + 18}" font-size="13" fill="#1b1f24">${escapeXml(b.display ?? String(b.value))}</text>`
      );
    })
    .join('');
  return figure(o, width, height, rows);
}

/** Vertical columns over time (one per day), with the first, middle and last day labelled. */
export function columnChart(o: ChartOptions) {
  const width = 600;
  const height = 200;
  const top = 20;
  const bottom = 30;
  const max = o.max ?? Math.max(1, ...o.bars.map((b) => b.value));
  const n = Math.max(1, o.bars.length);
  const slot = width / n;
  const labelled = new Set([0, Math.floor((n - 1) / 2), n - 1]);
  const columns = o.bars
    .map((b, i) => {
      const h = max > 0 ? Math.round((b.value / max) * (height - top - bottom)) : 0;
      const x = i * slot + slot * 0.15;
      const y = height - bottom - h;
      return (
        `<rect x="${x.toFixed(1)}" y="${y}" width="${(slot * 0.7).toFixed(1)}" height="${h}" fill="#0b4f8a" rx="2"/>` +
        (b.value > 0
          ? `<text x="${(x + slot * 0.35).toFixed(1)}" y="${y - 4}" text-anchor="middle" font-size="11" fill="#1b1f24">${b.value}</text>`
          : '') +
        (labelled.has(i)
          ? `<text x="${(x + slot * 0.35).toFixed(1)}" y="${height - 10}" text-anchor="middle" font-size="12" fill="#4a5360">${escapeXml(b.label)}</text>`
          : '')
      );
    })
    .join('');
  const axis = `<line x1="0" y1="${height - bottom}" x2="${width}" y2="${height - bottom}" stroke="#c9d1da"/>`;
  return figure(o, width, height, axis + columns);
}

function figure(o: ChartOptions, width: number, height: number, inner: string) {
  const svg =
    `<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${o.id}-judul ${o.id}-desk" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${o.id}-judul">${escapeXml(o.title)}</title><desc id="${o.id}-desk">${escapeXml(o.description)}</desc>${inner}</svg>`;
  return html`<figure class="card">
    <figcaption>${o.title}</figcaption>
    ${rawSvg(svg)}
    <p class="hint">${o.description}</p>
    ${dataTable(o)}
  </figure>`;
}

/** Every text inside the SVG went through escapeXml. */
const rawSvg = (svg: string) => raw(svg);
