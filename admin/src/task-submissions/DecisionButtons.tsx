import { useState } from 'react';
import { useCanAccess, useRecordContext, useTranslate } from 'react-admin';
import type { Decision } from '../api/data-provider.ts';
import type { TaskSubmissionRecord } from '../api/records.ts';
import { DecisionRow } from '../common/DecisionRow.tsx';
import { ReasonDialog } from '../common/ReasonDialog.tsx';
import { useAction } from '../common/use-action.ts';

const affected = ['task_submissions', 'players', 'ledger', 'sync_events'];

/**
 * Approve (the engine pays the task's reward, once, however often it is clicked) or reject with a
 * note the player reads; shown only while the submission is pending and only to admins.
 */
export function DecisionButtons({ size = 'small' }: { size?: 'small' | 'medium'; label?: string }) {
  const translate = useTranslate();
  const submission = useRecordContext<TaskSubmissionRecord>();
  const { canAccess } = useCanAccess({ resource: 'task_submissions', action: 'approve' });
  const [rejecting, setRejecting] = useState(false);
  const approve = useAction<Decision>({
    run: (dataProvider, decision) => dataProvider.approveSubmission(decision),
    success: 'tandem.taskSubmissions.approved',
    refresh: affected,
  });
  const reject = useAction<Decision>({
    run: (dataProvider, decision) => dataProvider.rejectSubmission(decision),
    success: 'tandem.taskSubmissions.rejected',
    refresh: affected,
    onSuccess: () => setRejecting(false),
  });
  if (submission?.status !== 'pending' || !canAccess) return null;
  const busy = approve.isPending || reject.isPending;
  return (
    <DecisionRow
      size={size}
      busy={busy}
      accept={{
        label: 'tandem.taskSubmissions.approve',
        onClick: () => approve.mutate({ id: submission.id, version: submission.version }),
      }}
      refuse={{ label: 'tandem.taskSubmissions.reject', onClick: () => setRejecting(true) }}
    >
      <ReasonDialog
        open={rejecting}
        title="tandem.taskSubmissions.rejectThisSubmission"
        description={translate('tandem.taskSubmissions.rejectHint', {
          name: submission.playerName ?? translate('tandem.common.thePlayer'),
        })}
        label="resources.task_submissions.fields.noteToThePlayer"
        confirmLabel="tandem.taskSubmissions.reject"
        confirmColor="error"
        required
        busy={reject.isPending}
        onConfirm={(note) => reject.mutate({ id: submission.id, version: submission.version, note })}
        onClose={() => setRejecting(false)}
      />
    </DecisionRow>
  );
}
