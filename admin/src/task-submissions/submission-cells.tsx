import { Link as MuiLink, Tooltip, Typography } from '@mui/material';
import { ReferenceField, useRecordContext } from 'react-admin';
import type { TaskSubmissionRecord } from '../api/records.ts';

/** The task's title (sent with the submission, else looked up). */
export function TaskTitleCell() {
  const submission = useRecordContext<TaskSubmissionRecord>();
  if (submission?.taskTitle) return <span>{submission.taskTitle}</span>;
  return <ReferenceField source="taskId" reference="tasks" link={false} />;
}

/** The proof, shortened; links open in a new tab. */
export function ProofCell({ full = false }: { full?: boolean; label?: string }) {
  const submission = useRecordContext<TaskSubmissionRecord>();
  if (!submission) return null;
  const proof = submission.proof;
  if (/^https?:\/\/\S+$/.test(proof.trim())) {
    return (
      <MuiLink
        href={proof.trim()}
        target="_blank"
        rel="noopener noreferrer"
        onClick={(event) => event.stopPropagation()}
        sx={{ wordBreak: 'break-all' }}
      >
        {full ? proof : proof.replace(/^https?:\/\//, '').slice(0, 48)}
      </MuiLink>
    );
  }
  if (full) return <Typography sx={{ whiteSpace: 'pre-wrap' }}>{proof}</Typography>;
  return (
    <Tooltip title={proof}>
      <Typography variant="body2" noWrap sx={{ maxWidth: 280 }}>
        {proof}
      </Typography>
    </Tooltip>
  );
}
