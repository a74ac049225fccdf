import express, { type Router } from 'express';
import { z } from 'zod';
import { parseInput } from '../../core/parse-input.ts';
import { listTexts, readText, type TextRecord } from '../../texts/list-texts.ts';
import { previewText } from '../../texts/text-preview.ts';
import { resetTextTemplate, saveTextTemplate } from '../../texts/text-writes.ts';
import { auditedDeps } from '../audit/write-as-admin.ts';
import type { AdminApiDeps } from '../deps.ts';
import { filterSchema, flag, oneOrMany, searchText } from '../rest/filters.ts';
import type { ListSpec } from '../rest/list-query.ts';
import { notFound } from '../rest/record-id.ts';
import { objectBody } from '../rest/request-body.ts';
import { addListRoute } from '../rest/resource-routes.ts';

/**
 * The texts the bots send, one record per key with every language's shipped and edited wording.
 * An edit is saved per language (`PUT /:key` with `language`, `template`, `version`), reset by
 * deleting it (`DELETE /:key/:language`), and tried before saving (`POST /:key/preview`).
 */

const keyValue = z.string().max(100, 'at most 100 characters');

const textFilter = filterSchema({
  id: oneOrMany(keyValue),
  area: oneOrMany(keyValue),
  /** Part of the key or of any wording. */
  q: searchText,
  edited: flag,
});

export const textList: ListSpec<z.output<typeof textFilter>> = {
  sortable: { id: 'id', area: 'area' },
  defaultSort: { field: 'id', order: 'asc' },
  filter: textFilter,
};

/** The version of the language's edit the admin opened: 0 when it had none. */
const versionBody = z.object({
  version: z.coerce
    .number({ message: 'must be the version number you opened' })
    .int('must be a whole number')
    .min(0, 'cannot be negative')
    .optional(),
});

export function createTextsRouter(deps: AdminApiDeps): Router {
  const router = express.Router();
  const read = async (key: string): Promise<TextRecord> => {
    const record = await readText(deps.db, key);
    if (!record) throw notFound('text', key);
    return record;
  };

  addListRoute(router, 'texts', textList, async (query) => {
    const records = await listTexts(deps.db, query.filter, {
      field: query.sort.field as 'id' | 'area',
      order: query.sort.order,
    });
    return { total: records.length, records: records.slice(query.skip, query.skip + query.take) };
  });

  router.get('/:key', async (req, res) => {
    res.json(await read(req.params.key));
  });

  router.put('/:key', async (req, res) => {
    const body = objectBody(req);
    const { version } = parseInput(versionBody, body, 'text');
    await saveTextTemplate(auditedDeps(deps, req, 'update'), {
      key: req.params.key,
      language: body.language as never,
      template: body.template as never,
      expectedVersion: version,
    });
    res.json(await read(req.params.key));
  });

  router.delete('/:key/:language', async (req, res) => {
    const { version } = parseInput(versionBody, req.query, 'text');
    await resetTextTemplate(auditedDeps(deps, req, 'reset'), {
      key: req.params.key,
      language: req.params.language as never,
      expectedVersion: version,
    });
    res.json(await read(req.params.key));
  });

  // A preview changes nothing: it answers 200 with the text or the reasons it would be refused.
  router.post('/:key/preview', async (req, res) => {
    const body = objectBody(req);
    res.json(
      previewText({
        key: req.params.key,
        language: body.language as never,
        template: body.template as never,
        values: body.values as never,
      }),
    );
  });

  return router;
}
