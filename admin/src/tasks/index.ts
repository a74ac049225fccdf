import AssignmentIcon from '@mui/icons-material/Assignment';
import type { ResourceProps } from 'react-admin';
import { TaskCreate } from './TaskCreate.tsx';
import { TaskEdit } from './TaskEdit.tsx';
import { TaskList } from './TaskList.tsx';
import { TaskShow } from './TaskShow.tsx';

export const tasks: ResourceProps = {
  name: 'tasks',
  icon: AssignmentIcon,
  list: TaskList,
  show: TaskShow,
  edit: TaskEdit,
  create: TaskCreate,
  recordRepresentation: 'title',
};
