import EmojiEventsIcon from '@mui/icons-material/EmojiEvents';
import type { ResourceProps } from 'react-admin';
import { AchievementCreate } from './AchievementCreate.tsx';
import { AchievementEdit } from './AchievementEdit.tsx';
import { AchievementList } from './AchievementList.tsx';
import { AchievementShow } from './AchievementShow.tsx';

export const achievements: ResourceProps = {
  name: 'achievements',
  icon: EmojiEventsIcon,
  list: AchievementList,
  show: AchievementShow,
  edit: AchievementEdit,
  create: AchievementCreate,
  recordRepresentation: 'name',
};
