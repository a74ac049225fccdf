import TranslateIcon from '@mui/icons-material/Translate';
import type { ResourceProps } from 'react-admin';
import { TextEdit } from './TextEdit.tsx';
import { TextList } from './TextList.tsx';

/** The texts the bots send; edit and show are one page, read-only for operators. */
export const texts: ResourceProps = {
  name: 'texts',
  icon: TranslateIcon,
  list: TextList,
  edit: TextEdit,
  show: TextEdit,
};
