import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import express, { type Request, type RequestHandler, type Router } from 'express';
import { z } from 'zod';
import { auditedEngine } from '../../audit/audit-actor.ts';
import { parseInput } from '../../core/parse-input.ts';
import { exportFormats, exportXpChunks } from '../../import-export/export-xp.ts';
import { importFormats } from '../../import-export/import-rows.ts';
import { type ImportReport, importXp, type RowOutcome } from '../../import-export/import-xp.ts';
import { auditActorOf } from '../audit/write-as-admin.ts';
import type { AdminApiDeps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { actingAdminName } from './acting-admin.ts';

/** The largest file the panel may import; MEE6's biggest leaderboards are a few MB. */
export const maxImportFileBytes = 20 * 1024 * 1024;
/** The file travels as a JSON string: quotes and newlines escaped take room of their own. */
const maxImportBodyBytes = Math.ceil(maxImportFileBytes * 1.5);
/** Rows of each kind an answer lists; the counts and totals always cover the whole file. */
export const maxReportedRows = 1000;

const importPath = /^\/xp-import\/?$/;

/**
 * The API's JSON parser (1 MB), but for the XP import, whose route reads its own larger body once
 * the session and role guards have let the request through.
 */
export function exceptXpImport(parser: RequestHandler): RequestHandler {
  return (req, res, next) => (importPath.test(req.path) ? next() : parser(req, res, next));
}

const importBody = z.object({
  format: z.enum(importFormats, { message: 'must be mee6, csv or tandem' }),
  mode: z.enum(['add', 'replace'], { message: 'must be add or replace' }).default('add'),
  fileName: z.string({ message: 'must be text' }).max(255, 'at most 255 characters').optional(),
  text: z.string({ message: 'the file, read as text' }).min(1, 'the file is empty'),
  dryRun: z.boolean({ message: 'must be true or false' }).default(true),
});

const exportQuery = z.object({
  format: z.enum(exportFormats, { message: 'must be csv or tandem' }).default('tandem'),
});

/** What the panel shows of an import: the counts and totals of all rows, the first rows of each kind. */
export interface ImportAnswer {
  dryRun: boolean;
  counts: ImportReport['counts'];
  totals: ImportReport['totals'];
  changes: RowOutcome[];
  refused: RowOutcome[];
}

/** The body parser of the import: a larger limit, and a refusal that says the limit. */
function readImportBody(): RequestHandler {
  const parse = express.json({ limit: maxImportBodyBytes });
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type === 'entity.too.large')
        return next(new HttpError(413, tooLarge(Number(req.get('content-length')) || undefined)));
      next(error);
    });
}

function tooLarge(bytes?: number): string {
  const size = bytes ? ` (this one is ${(bytes / 1024 / 1024).toFixed(1)} MB)` : '';
  return `The file is too large to import${size}: at most ${maxImportFileBytes / 1024 / 1024} MB. Split it into smaller files and import each.`;
}

/** Importing changes players' totals: the same admins who adjust players may do it. */
function requireAdmin(req: Request): void {
  if (req.admin?.role !== 'admin')
    throw new HttpError(403, "Only admins can import XP: it changes players' XP and coins.");
}

/**
 * XP import and export for the panel: `POST /xp-import` previews (dryRun) or applies a file exactly
 * as `npm run import-xp` does (the same ledger keys, so the two never count a file twice), and
 * `GET /xp-export` downloads every player's totals as `npm run export-xp` writes them.
 */
export function createXpTransferRouter(deps: AdminApiDeps): Router {
  const router = express.Router();

  router.post('/xp-import', readImportBody(), async (req, res) => {
    requireAdmin(req);
    const body = parseInput(importBody, req.body ?? {}, 'import');
    if (Buffer.byteLength(body.text) > maxImportFileBytes)
      throw new HttpError(413, tooLarge(Buffer.byteLength(body.text)));
    const importDeps = body.dryRun
      ? { db: deps.db, engine: deps.engine }
      : {
          db: deps.db,
          // Each row's ledger writes and the players they move are audited as this admin's import.
          engine: auditedEngine(deps.engine, auditActorOf(req, 'import')),
          changes: deps.changes,
        };
    const report = await importXp(importDeps, {
      format: body.format,
      text: body.text,
      mode: body.mode,
      dryRun: body.dryRun,
      admin: actingAdminName(req),
      fileName: body.fileName,
    });
    if (!body.dryRun)
      deps.logger.info(
        {
          admin: actingAdminName(req),
          file: body.fileName,
          format: body.format,
          mode: body.mode,
          ...report.counts,
        },
        'XP imported',
      );
    const answer: ImportAnswer = {
      dryRun: body.dryRun,
      counts: report.counts,
      totals: report.totals,
      changes: report.rows.filter((r) => r.status === 'imported').slice(0, maxReportedRows),
      refused: report.rows.filter((r) => r.status === 'refused').slice(0, maxReportedRows),
    };
    res.status(200).json(answer);
  });

  router.get('/xp-export', async (req, res) => {
    const { format } = parseInput(exportQuery, req.query, 'export');
    const day = new Date().toISOString().slice(0, 10);
    res.set({
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="tandem-xp-${day}.${format === 'csv' ? 'csv' : 'json'}"`,
      'Cache-Control': 'no-store',
    });
    // A page of players at a time, written as the client takes it.
    await pipeline(Readable.from(exportXpChunks(deps.db, format)), res);
  });

  return router;
}
