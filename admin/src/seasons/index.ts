import EmojiEventsIcon from '@mui/icons-material/EmojiEvents';
import type { ResourceProps } from 'react-admin';
import { SeasonList } from './SeasonList.tsx';
import { SeasonCreate, SeasonEdit } from './SeasonPages.tsx';

export const seasons: ResourceProps = {
  name: 'seasons',
  icon: EmojiEventsIcon,
  list: SeasonList,
  edit: SeasonEdit,
  create: SeasonCreate,
  recordRepresentation: 'name',
};
