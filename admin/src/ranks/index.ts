import MilitaryTechIcon from '@mui/icons-material/MilitaryTech';
import type { ResourceProps } from 'react-admin';
import { RankCreate } from './RankCreate.tsx';
import { RankEdit } from './RankEdit.tsx';
import { RankList } from './RankList.tsx';
import { RankShow } from './RankShow.tsx';

export const ranks: ResourceProps = {
  name: 'ranks',
  icon: MilitaryTechIcon,
  list: RankList,
  show: RankShow,
  edit: RankEdit,
  create: RankCreate,
  recordRepresentation: 'name',
};
