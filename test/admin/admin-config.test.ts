import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('admin UI settings', () => {
  it('defaults to a 20 MB upload limit and 12-hour sessions, and reads both from the environment', () => {
    expect(loadConfig({}).admin).toEqual({ uploadMaxBytes: 20 * 1024 * 1024, sessionHours: 12 });
    expect(loadConfig({ ADMIN_UPLOAD_MAX_MB: '2.5', ADMIN_SESSION_HOURS: '8' }).admin).toEqual({
      uploadMaxBytes: 2.5 * 1024 * 1024,
      sessionHours: 8,
    });
  });

  it('names a wrong setting', () => {
    expect(() => loadConfig({ ADMIN_UPLOAD_MAX_MB: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ ADMIN_UPLOAD_MAX_MB: '0' })).toThrow(/ADMIN_UPLOAD_MAX_MB: harus lebih dari 0/);
    expect(() => loadConfig({ ADMIN_SESSION_HOURS: 'lama' })).toThrow(/ADMIN_SESSION_HOURS/);
  });
});
