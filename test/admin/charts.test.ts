import { describe, expect, it } from 'vitest';
import { barChart, columnChart } from '../../src/admin/views/charts.js';

describe('server-drawn charts', () => {
  it('draws an accessible SVG with its data as a table, escaping every label', async () => {
    const chart = String(
      await barChart({
        id: 'uji',
        title: 'Topik <terbanyak>',
        description: 'disiplin 3, cuti 1',
        bars: [
          { label: 'disiplin', value: 3 },
          { label: '<script>x</script>', value: 1 },
        ],
      }),
    );
    expect(chart).toContain('role="img" aria-labelledby="uji-judul uji-desk"');
    expect(chart).toContain('<title id="uji-judul">Topik &#60;terbanyak&#62;</title>');
    expect(chart).not.toContain('<script>x</script>');
    expect(chart).toMatch(/<th scope="row">disiplin<\/th>\s*<td>3<\/td>/);
    expect((chart.match(/<rect /g) ?? []).length).toBe(2);
  });

  it('draws one column per day, empty days included', async () => {
    const chart = String(
      await columnChart({
        id: 'hari',
        title: 'Per hari',
        description: '…',
        bars: [0, 2, 0, 5].map((value, i) => ({ label: `${i + 1}/11`, value })),
      }),
    );
    expect((chart.match(/<rect /g) ?? []).length).toBe(4);
    expect(chart).toContain('>5</text>');
  });
});
