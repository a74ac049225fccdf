import express, { type Router } from 'express';
import { z } from 'zod';
import { parseInput } from '../../core/parse-input.ts';
import { storedText } from '../../core/postgres-values.ts';
import { approveSubmission, rejectSubmission } from '../../tasks/decide-submission.ts';
import { auditedDeps } from '../audit/write-as-admin.ts';
import type { AdminApiDeps } from '../deps.ts';
import { toHttpError } from '../http/http-error.ts';
import { uuidValue } from '../rest/filters.ts';
import { maxPageSize } from '../rest/list-query.ts';
import { uuidParam } from '../rest/record-id.ts';
import { versionField } from '../rest/request-body.ts';
import { addListRoute, addRecordRoutes } from '../rest/resource-routes.ts';
import { actingAdminName } from './acting-admin.ts';
import { findSubmissionRecord, listSubmissions, submissionList } from './submission-records.ts';

/**
 * Task submissions: read, and decided through tasks/decide-submission. An approval pays the task's
 * reward through the engine in the same transaction; deciding the same way twice changes nothing.
 */

const approvalBody = z.object({ version: versionField });
const rejectionBody = z.object({
  version: versionField,
  note: storedText().trim().max(500, 'at most 500 characters').optional(),
});
const bulkApprovalBody = z.object({
  ids: z
    .array(uuidValue, { message: 'must be a list of submission ids' })
    .min(1, 'choose at least one submission')
    .max(maxPageSize, `at most ${maxPageSize} at once`),
});

export function createTaskSubmissionsRouter(deps: AdminApiDeps): Router {
  const router = express.Router();
  const record = async (id: string) => (await findSubmissionRecord(deps, id))!;

  addListRoute(router, 'task_submissions', submissionList, (query) => listSubmissions(deps, query));

  // Bulk first: `/approve` is not a submission id.
  router.post('/approve', async (req, res) => {
    const { ids } = parseInput(bulkApprovalBody, req.body ?? {}, 'approval');
    const results = [];
    for (const id of ids) {
      try {
        const { decidedNow, paid } = await approveSubmission(auditedDeps(deps, req, 'approve'), {
          submissionId: id,
          decidedBy: actingAdminName(req),
        });
        results.push({ id, approved: true, decidedNow, paid });
      } catch (error) {
        // Each submission answers for itself: one already rejected does not stop the others.
        const { status, body } = toHttpError(error);
        if (status >= 500) throw error;
        results.push({ id, approved: false, status, message: body.message });
      }
    }
    res.json({ approved: results.filter((r) => r.approved).map((r) => r.id), results });
  });

  router.post('/:id/approve', async (req, res) => {
    const submissionId = uuidParam(req.params.id, 'task submission');
    const { version } = parseInput(approvalBody, req.body ?? {}, 'approval');
    const { decidedNow, paid, totals } = await approveSubmission(auditedDeps(deps, req, 'approve'), {
      submissionId,
      decidedBy: actingAdminName(req),
      expectedVersion: version,
    });
    res.json({ data: await record(submissionId), decidedNow, paid, totals });
  });

  router.post('/:id/reject', async (req, res) => {
    const submissionId = uuidParam(req.params.id, 'task submission');
    const { version, note } = parseInput(rejectionBody, req.body ?? {}, 'rejection');
    const { decidedNow } = await rejectSubmission(auditedDeps(deps, req, 'reject'), {
      submissionId,
      decidedBy: actingAdminName(req),
      expectedVersion: version,
      note,
    });
    res.json({ data: await record(submissionId), decidedNow });
  });

  addRecordRoutes(router, {
    what: 'task submission',
    parseId: (value) => uuidParam(value, 'task submission'),
    find: (id) => findSubmissionRecord(deps, id),
  });

  return router;
}
