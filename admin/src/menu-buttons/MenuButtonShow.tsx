import { BooleanField, Labeled, NumberField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { ShowActions } from '../common/ShowActions.tsx';
import { RecordTitle } from '../common/titles.tsx';
import { OpensField } from './OpensField.tsx';

export function MenuButtonShow() {
  return (
    <Show title={<RecordTitle />} actions={<ShowActions />}>
      <SimpleShowLayout>
        <TextField source="label" />
        <Labeled label="resources.menu_buttons.fields.opens">
          <OpensField />
        </Labeled>
        <NumberField source="position" />
        <BooleanField source="active" />
      </SimpleShowLayout>
    </Show>
  );
}
