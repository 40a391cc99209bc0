// The thresholds of the flag rules in the admin UI ("Tanda › Ambang"): the current values and,
// for HR, the form to change them. Pure: flag-settings-routes.ts reads and writes.
import { html } from 'hono/html';
import type { AdminUserInfo } from '../admin-env.js';
import { csrfField } from '../auth/csrf-field.js';
import { flagSettingLimits, type FlagSettings } from '../../flags/flag-settings.js';
import { fieldError, fieldState, refusedNotice } from './field-errors.js';
import { viewerHint } from './people-views.js';

/** What the form holds: the stored numbers, or what HR typed when it was refused. */
export type FlagSettingsFormValues = Record<keyof FlagSettings, string>;
export type FlagSettingsFormErrors = Partial<Record<keyof FlagSettings, string>>;

/** Each threshold's form field: its name in the POST, its label and what it changes. */
export const flagSettingFields: { key: keyof FlagSettings; name: string; label: string; unit: string; hint: string }[] = [
  {
    key: 'kpiMissingDays',
    name: 'hari_kinerja',
    label: 'Tanpa catatan kinerja',
    unit: 'hari kerja berturut-turut',
    hint: 'Tanda untuk atasan bila pegawai tidak mengisi catatan kinerja sekian hari kerja berturut-turut.',
  },
  {
    key: 'disciplineMissesPerWeek',
    name: 'pengingat_terlewat',
    label: 'Pengingat disiplin terlewat',
    unit: 'kali dalam satu pekan',
    hint: 'Tanda bila pengingat disiplin pagi tidak dijawab atau dijawab terlambat sekian kali dalam satu pekan (Senin–Minggu).',
  },
  {
    key: 'escalationWorkingHours',
    name: 'jam_eskalasi',
    label: 'Eskalasi',
    unit: 'jam kerja',
    hint: 'Tanda yang tidak ditindaklanjuti atasan dalam sekian jam kerja diteruskan satu tingkat ke atas.',
  },
];

export function flagSettingsBody(o: {
  admin: AdminUserInfo;
  csrfToken: string;
  current: FlagSettings;
  values: FlagSettingsFormValues;
  errors: FlagSettingsFormErrors;
}) {
  const hr = o.admin.role === 'hr';
  const disabled = hr ? '' : html`disabled`;
  return html`<p><a href="/admin/tanda">← Kembali ke daftar tanda</a></p>
    <p class="hint">
      Ambang aturan tanda berlaku untuk semua pegawai, mulai pemeriksaan berikutnya (aturan berjalan tiap jam, eskalasi tiap lima
      menit). Tanda ketidakhadiran mengikuti PP 94/2021 dan tidak dapat diubah di sini.
    </p>
    <h2 id="ambang-sekarang">Yang berlaku sekarang</h2>
    <ul aria-labelledby="ambang-sekarang">
      ${flagSettingFields.map((f) => html`<li>${f.label}: <strong>${o.current[f.key]}</strong> ${f.unit}</li>`)}
    </ul>
    ${refusedNotice(o.errors, (count) => `Ambang belum disimpan: ${count} isian perlu diperbaiki.`)} ${hr ? '' : viewerHint}
    <form method="post" action="/admin/tanda/ambang" class="card" aria-labelledby="ubah-ambang">
      <h2 id="ubah-ambang">${hr ? 'Ubah ambang' : 'Ambang'}</h2>
      ${csrfField(o.csrfToken)}
      ${flagSettingFields.map((f) => {
        const id = `ambang-${f.name.replace(/_/g, '-')}`;
        const max = flagSettingLimits[f.key].max;
        return html`<label for="${id}">${f.label} (${f.unit})</label>
          <input
            id="${id}"
            name="${f.name}"
            type="number"
            min="1"
            max="${max}"
            step="1"
            required
            value="${o.values[f.key]}"
            ${disabled}
            ${fieldState(o.errors, f.key, id)}
          />
          <p class="hint" id="${id}-petunjuk">${f.hint} Bilangan bulat 1 sampai ${max}.</p>
          ${fieldError(o.errors, f.key, id)}`;
      })}
      ${hr ? html`<button type="submit">Simpan ambang</button>` : ''}
    </form>`;
}
