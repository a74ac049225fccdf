import TuneIcon from '@mui/icons-material/Tune';
import { DataTable, List } from 'react-admin';
import { TimeAgoField } from '../common/dates.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { useEditOrShow } from '../common/use-row-click.ts';

const descriptions: Record<string, string> = {
  economy: 'Earning rules: messages, voice, daily reward, game, role multipliers',
};

/** The settings keys; each opens its own form. */
export function SettingsList() {
  const rowClick = useEditOrShow();
  return (
    <List
      actions={false}
      pagination={false}
      sort={{ field: 'id', order: 'ASC' }}
      empty={
        <EmptyState icon={<TuneIcon />} title="tandem.settings.noSettingsSavedYet">
          {'tandem.settings.theDefaultsApplyOpen'}
        </EmptyState>
      }
    >
      <DataTable rowClick={rowClick} bulkActionButtons={false}>
        <DataTable.Col source="id" label="resources.settings.fields.id" />
        <DataTable.Col
          label="resources.settings.fields.whatItControls"
          disableSort
          render={(setting) => setting.description ?? descriptions[String(setting.id)] ?? '—'}
        />
        <DataTable.Col source="version" align="right" disableSort />
        <DataTable.Col source="updatedAt" label="resources.settings.fields.updatedAt" disableSort>
          <TimeAgoField source="updatedAt" empty="Never (defaults)" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
