import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('runs on the embedded defaults with nothing set', () => {
    const c = loadConfig({});
    expect(c.http).toEqual({ host: '127.0.0.1', port: 3000 });
    // The application's own folders, whatever the current folder: `asn` run elsewhere finds the same data.
    const app = fileURLToPath(new URL('..', import.meta.url));
    expect(c.database).toEqual({ url: undefined, dataDir: join(app, 'data') });
    expect(c.knowledgeDir).toBe(join(app, 'knowledge'));
    expect(c.promptsDir).toBe(join(app, 'prompts'));
    expect(c.llm).toBeUndefined();
  });

  it('treats empty values (as in a copied .env.example) as not set', () => {
    const c = loadConfig({ OPENAI_API_KEY: '', DATABASE_URL: '  ', OPENAI_BASE_URL: '', DATA_DIR: '', PROMPTS_DIR: ' ' });
    expect(c.llm).toBeUndefined();
    expect(c.database.url).toBeUndefined();
    expect(c.database.dataDir).toBe(loadConfig({}).database.dataDir);
    expect(c.promptsDir).toBe(loadConfig({}).promptsDir);
  });

  it('switches the language model on with a key, or with a self-hosted server and no key', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'sk-x' }).llm).toMatchObject({ apiKey: 'sk-x', chatModel: 'gpt-4o-mini' });
    const selfHosted = loadConfig({ OPENAI_BASE_URL: 'http://10.0.0.5:8000/v1', OPENAI_CHAT_MODEL: 'qwen2.5' });
    expect(selfHosted.llm).toMatchObject({ baseURL: 'http://10.0.0.5:8000/v1', chatModel: 'qwen2.5' });
    expect(selfHosted.llm?.embeddingsModel).toBeUndefined();
  });

  it('stops with one message naming every wrong variable', () => {
    try {
      loadConfig({ PORT: 'tiga ribu', DATABASE_URL: 'mysql://x', OPENAI_BASE_URL: 'bukan url' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toMatch(/^Konfigurasi tidak valid/);
      for (const name of ['PORT', 'DATABASE_URL', 'OPENAI_BASE_URL']) expect(message).toContain(name);
    }
  });

  it('switches Slack on with a bot token: HTTP mode needs the signing secret, Socket Mode the app token', () => {
    expect(loadConfig({}).slack).toBeUndefined();
    const http = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
      SLACK_SIGNING_SECRET: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
      SLACK_HR_CHANNEL: 'C0HR',
      SLACK_HR_USERS: 'U01, U02',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
    }).slack;
    expect(http).toEqual({
      botToken: 'xoxb-1-2-abc',
      signingSecret: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
      appToken: undefined,
      apiUrl: 'http://127.0.0.1:9999/api/',
      hrChannel: 'C0HR',
      hrUsers: ['U01', 'U02'],
      allowUnlinked: true,
    });
    expect(
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A-2', SLACK_ALLOW_UNLINKED: 'false' }).slack
        ?.allowUnlinked,
    ).toBe(false);
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A-2' }).slack?.appToken).toBe('xapp-1-A-2');
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET: wajib diisi/);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_SIGNING_SECRET: 'a1b2c3d4e5f60718' })).toThrow(
      /SLACK_BOT_TOKEN/,
    );
    expect(() => loadConfig({ SLACK_HR_USERS: 'andi, budi' })).toThrow(/SLACK_HR_USERS/);
  });
});
