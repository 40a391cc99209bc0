import { Hono, type Context } from 'hono';
import {
  flagSettingLimits,
  flagSettingProblem,
  loadFlagSettings,
  updateFlagSettings,
  type FlagSettings,
} from '../../flags/flag-settings.js';
import type { AdminEnv, AdminRouteModule } from '../admin-env.js';
import { recordAudit } from '../audit-log.js';
import { requireHr } from '../auth/require-role.js';
import {
  flagSettingFields,
  flagSettingsBody,
  type FlagSettingsFormErrors,
  type FlagSettingsFormValues,
} from '../views/flag-settings-views.js';
import { flash, render } from '../views/layout.js';

const asForm = (s: FlagSettings): FlagSettingsFormValues => ({
  kpiMissingDays: String(s.kpiMissingDays),
  disciplineMissesPerWeek: String(s.disciplineMissesPerWeek),
  escalationWorkingHours: String(s.escalationWorkingHours),
});

/**
 * The flag rules' thresholds ("Tanda › Ambang", /tanda/ambang): everyone sees them, HR changes
 * them (as `asn flags settings` does), each field checked by flag-settings' own limits, audited.
 * It sits under /tanda because that is where HR reads flags; its module must come before the flag
 * routes in `adminRouteModules`, whose `/tanda/:id` would otherwise answer "not found" for it.
 */
export const flagSettingsRoutes: AdminRouteModule = {
  routes: (deps) => {
    const app = new Hono<AdminEnv>();
    const { db } = deps;

    const page = async (c: Context<AdminEnv>, form?: { values: FlagSettingsFormValues; errors: FlagSettingsFormErrors }) => {
      const current = await loadFlagSettings(db);
      return render(
        c,
        {
          title: 'Ambang aturan tanda',
          body: flagSettingsBody({
            admin: c.get('admin'),
            csrfToken: c.get('csrfToken'),
            current,
            values: form?.values ?? asForm(current),
            errors: form?.errors ?? {},
          }),
        },
        form ? 422 : 200,
      );
    };

    app.get('/tanda/ambang', (c) => page(c));

    app.post('/tanda/ambang', requireHr, async (c) => {
      const body = await c.req.parseBody();
      const values = {} as FlagSettingsFormValues;
      const errors: FlagSettingsFormErrors = {};
      const changes: Partial<FlagSettings> = {};
      for (const f of flagSettingFields) {
        const text = typeof body[f.name] === 'string' ? (body[f.name] as string).trim().slice(0, 20) : '';
        values[f.key] = text;
        const { label, max } = flagSettingLimits[f.key];
        // "2,5" and "abc" are no numbers at all: say what was typed rather than "NaN".
        const value = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
        const problem =
          value === undefined
            ? `Ambang ${label} harus angka, bilangan bulat 1 sampai ${max}, tertulis "${text}"`
            : flagSettingProblem(f.key, value);
        if (problem) errors[f.key] = `${problem}.`;
        else if (value !== undefined) changes[f.key] = value;
      }
      if (Object.keys(errors).length) return page(c, { values, errors });

      const before = await loadFlagSettings(db);
      const changed = (Object.keys(changes) as (keyof FlagSettings)[]).filter((k) => changes[k] !== before[k]);
      if (changed.length === 0) {
        flash(c, 'Tidak ada ambang yang berubah.', 'warn');
        return c.redirect('/admin/tanda/ambang', 303);
      }
      const after = await updateFlagSettings(db, Object.fromEntries(changed.map((k) => [k, changes[k]])));
      await recordAudit(
        db,
        {
          actor: c.get('admin'),
          action: 'flag_settings.update',
          target: 'flag_settings:1',
          detail: {
            before: Object.fromEntries(changed.map((k) => [k, before[k]])),
            after: Object.fromEntries(changed.map((k) => [k, after[k]])),
          },
        },
        deps.now(),
      );
      flash(c, 'Ambang disimpan; berlaku mulai pemeriksaan berikutnya.');
      return c.redirect('/admin/tanda/ambang', 303);
    });

    return app;
  },
};
