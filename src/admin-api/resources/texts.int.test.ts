import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import {
  openResourcesTestApp,
  type ResourcesTestApp,
  totalOf,
} from '../../../test/support/resources-test-app.ts';
import { waitFor } from '../../../test/support/wait-for.ts';
import { subscribeToChanges } from '../../live/changes.ts';
import type { TextRecord } from '../../texts/list-texts.ts';
import type { TextPreview } from '../../texts/text-preview.ts';
import { createTexts } from '../../texts/texts.ts';
import { requireRoleForApi } from '../auth/require-role.ts';
import { apiErrorHandler } from '../error-handler.ts';
import { createResourcesRouter } from './index.ts';

let api: ResourcesTestApp;
afterEach(async () => {
  await api?.close();
});

type Answer = { message: string; errors: Record<string, unknown> };

describe('texts', () => {
  it('list every shipped text with its wording per language and the placeholders it offers', async () => {
    api = await openResourcesTestApp();
    const list = await api.list<TextRecord>('texts', { range: [0, 499] });
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThan(5);
    const ids = list.body.map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
    const coins = list.body.find((r) => r.id === 'common.coins');
    expect(coins).toMatchObject({
      area: 'common',
      edited: false,
      placeholders: [{ name: 'coins', kind: 'number', about: 'an amount of coins' }],
      translations: {
        en: { shipped: '{coins, plural, one {# coin} other {# coins}}', edited: null, version: 0 },
        ru: { edited: null, version: 0 },
      },
    });
    expect(coins?.translations.ru.current).toContain('монет');

    const byArea = await api.list<TextRecord>('texts', { filter: { area: 'common' }, range: [0, 499] });
    expect(byArea.body.every((r) => r.area === 'common')).toBe(true);
    const searched = await api.list<TextRecord>('texts', { filter: { q: 'монет' } });
    expect(searched.body.map((r) => r.id)).toContain('common.coins');
    expect(totalOf(await api.list('texts', { filter: { id: ['common.coins', 'common.xp'] } }))).toBe(2);
    const badFilter = await api.list('texts', { filter: { colour: 'red' } });
    expect(badFilter.status).toBe(400);
    expect((await api.request('GET', '/texts/common.nope')).status).toBe(404);
  });

  it('save an edit per language, audited and announced, and reset it to the shipped text', async () => {
    api = await openResourcesTestApp();
    const template = '{coins, plural, one {# монетка} few {# монетки} many {# монеток} other {# монетки}}';
    const saved = await api.request<TextRecord>('PUT', '/texts/common.coins', {
      language: 'ru',
      template,
      version: 0,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({
      edited: true,
      translations: { ru: { edited: template, current: template, version: 1 }, en: { edited: null } },
    });
    await waitFor(async () => api.announced.some((c) => c.entity === 'texts' && c.id === 'common.coins'));
    const audit = await api.tandem.db.prisma.adminAudit.findMany({ where: { entity: 'text_overrides' } });
    expect(audit).toMatchObject([
      { adminUsername: 'alice', action: 'update', entityId: 'common.coins', operation: 'insert' },
    ]);
    expect(totalOf(await api.list('texts', { filter: { edited: true } }))).toBe(1);

    const stale = await api.request<Answer>('PUT', '/texts/common.coins', {
      language: 'ru',
      template: '{coins, plural, other {# монет}}',
      version: 0,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toContain('changed by someone else');

    const reset = await api.request<TextRecord>('DELETE', '/texts/common.coins/ru?version=1');
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    expect(reset.body.edited).toBe(false);
    expect(reset.body.translations.ru.current).toBe(reset.body.translations.ru.shipped);
    expect(await api.tandem.db.prisma.textOverride.count()).toBe(0);
    expect(await api.tandem.db.prisma.adminAudit.count({ where: { action: 'reset' } })).toBe(1);
  });

  it('refuse an unknown placeholder and a broken Russian plural with the reason, changing nothing', async () => {
    api = await openResourcesTestApp();
    const unknown = await api.request<Answer>('PUT', '/texts/common.coins', {
      language: 'en',
      template: '{player} has {coins, plural, one {# coin} other {# coins}}',
      version: 0,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.template).toBe(
      '{player} is not a placeholder of this text; it can use {coins}',
    );
    const plural = await api.request<Answer>('PUT', '/texts/common.coins', {
      language: 'ru',
      template: '{coins, plural, one {# монета} other {# монет}}',
      version: 0,
    });
    expect(plural.status).toBe(400);
    expect(plural.body.errors.template).toContain('lacks the forms few, many');
    const noLanguage = await api.request<Answer>('PUT', '/texts/common.coins', {
      language: 'de',
      template: 'x',
    });
    expect(noLanguage.status).toBe(400);
    expect(noLanguage.body.errors.language).toBe('must be one of en, ru');
    expect(await api.tandem.db.prisma.textOverride.count()).toBe(0);
    expect(api.announced.filter((c) => c.entity === 'texts')).toEqual([]);
  });

  it('preview a template with sample values, or the reasons it would be refused', async () => {
    api = await openResourcesTestApp();
    const ok = await api.request<TextPreview>('POST', '/texts/common.coins/preview', {
      language: 'ru',
      template: '{coins, plural, one {# монета} few {# монеты} many {# монет} other {# монеты}}',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.problems).toEqual([]);
    expect(ok.body.text).toBe('1\u00a0250 монет');
    expect(ok.body.examples.map((e) => e.text)).toEqual(['1 монета', '2 монеты', '5 монет', '21 монета']);
    const refused = await api.request<TextPreview>('POST', '/texts/common.coins/preview', {
      language: 'ru',
      template: '{coins, plural, one {# монета} other {# монет}}',
    });
    expect(refused.body.text).toBeNull();
    expect(refused.body.problems[0]).toContain('lacks the forms few, many');
    expect(await api.tandem.db.prisma.textOverride.count()).toBe(0);
  });

  it('are read-only for operators: they list and preview, but cannot save or reset', async () => {
    api = await openResourcesTestApp({ role: 'operator' });
    // The stub app has no role guard: the API's own guard is put in front of the routes here.
    const app = express();
    app.use((req, _res, next) => {
      req.admin = api.admin;
      next();
    });
    app.use('/api', express.json(), requireRoleForApi(), createResourcesRouter(api.tandem));
    app.use(apiErrorHandler(api.tandem.logger));
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${base}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    try {
      expect((await call('GET', '/texts')).status).toBe(200);
      const preview = await call('POST', '/texts/common.coins/preview', {
        language: 'en',
        template: '{coins}',
      });
      expect(preview.status).toBe(200);
      const save = await call('PUT', '/texts/common.coins', {
        language: 'en',
        template: '{coins}',
        version: 0,
      });
      expect(save.status).toBe(403);
      expect(((await save.json()) as { message: string }).message).toContain('needs the admin role');
      expect((await call('DELETE', '/texts/common.coins/en')).status).toBe(403);
      expect(await api.tandem.db.prisma.textOverride.count()).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('reach the bots at once: the next message uses the edit, without a restart', async () => {
    api = await openResourcesTestApp();
    const texts = createTexts({ db: api.tandem.db, ttlMs: 3_600_000 });
    const subscription = await subscribeToChanges(
      api.tandem.redisUrl,
      api.tandem.prefix,
      (change) => texts.onChange(change),
      api.tandem.logger,
    );
    try {
      expect(await texts.render('en', { key: 'common.coins', params: { coins: 3 } })).toBe('3 coins');
      const saved = await api.request('PUT', '/texts/common.coins', {
        language: 'en',
        template: '{coins, plural, one {# gold piece} other {# gold pieces}}',
        version: 0,
      });
      expect(saved.status).toBe(200);
      await waitFor(
        async () =>
          (await texts.render('en', { key: 'common.coins', params: { coins: 3 } })) === '3 gold pieces',
      );
      expect(await texts.render('ru', { key: 'common.coins', params: { coins: 3 } })).toBe('3 монеты');
    } finally {
      await subscription.close();
    }
  });
});

describe('the language setting', () => {
  it('is the community default language, saved over its version and announced', async () => {
    api = await openResourcesTestApp();
    const texts = createTexts({ db: api.tandem.db, ttlMs: 3_600_000 });
    expect(await texts.defaultLanguage()).toBe('en');
    const subscription = await subscribeToChanges(
      api.tandem.redisUrl,
      api.tandem.prefix,
      (change) => texts.onChange(change),
      api.tandem.logger,
    );
    try {
      const shown = await api.request<Record<string, unknown>>('GET', '/settings/language');
      expect(shown.body).toMatchObject({ id: 'language', defaultLanguage: 'en', version: 0 });
      const bad = await api.request<Answer>('PUT', '/settings/language', {
        defaultLanguage: 'de',
        version: 0,
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.defaultLanguage).toBe('defaultLanguage must be one of en, ru');
      const saved = await api.request<Record<string, unknown>>('PUT', '/settings/language', {
        ...shown.body,
        defaultLanguage: 'ru',
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect(saved.body).toMatchObject({ defaultLanguage: 'ru', version: 1 });
      await waitFor(async () => api.announced.some((c) => c.entity === 'settings' && c.id === 'language'));
      await waitFor(async () => (await texts.defaultLanguage()) === 'ru');
      const stale = await api.request('PUT', '/settings/language', { ...shown.body, defaultLanguage: 'en' });
      expect(stale.status).toBe(409);
    } finally {
      await subscription.close();
    }
  });
});
