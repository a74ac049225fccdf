import SlideshowIcon from '@mui/icons-material/Slideshow';
import type { ResourceProps } from 'react-admin';
import { ScenarioCreate } from './ScenarioCreate.tsx';
import { ScenarioEdit } from './ScenarioEdit.tsx';
import { ScenarioList } from './ScenarioList.tsx';
import { ScenarioShow } from './ScenarioShow.tsx';

export const scenarios: ResourceProps = {
  name: 'scenarios',
  icon: SlideshowIcon,
  list: ScenarioList,
  show: ScenarioShow,
  edit: ScenarioEdit,
  create: ScenarioCreate,
  recordRepresentation: 'title',
};
