import TaskAltIcon from '@mui/icons-material/TaskAlt';
import type { ResourceProps } from 'react-admin';
import { SubmissionList } from './SubmissionList.tsx';
import { SubmissionShow } from './SubmissionShow.tsx';

export const taskSubmissions: ResourceProps = {
  name: 'task_submissions',
  icon: TaskAltIcon,
  list: SubmissionList,
  show: SubmissionShow,
  recordRepresentation: (submission) =>
    `${submission.taskTitle ?? 'Task'} by ${submission.playerName ?? 'a player'}`,
};
