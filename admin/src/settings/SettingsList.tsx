import TuneIcon from '@mui/icons-material/Tune';
import { DataTable, List, useTranslate } from 'react-admin';
import { TimeAgoField } from '../common/dates.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { useEditOrShow } from '../common/use-row-click.ts';

/** The settings keys; each opens its own form. */
export function SettingsList() {
  const translate = useTranslate();
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
        <DataTable.Col
          source="id"
          label="resources.settings.fields.id"
          render={(setting) =>
            translate(`tandem.settings.names.${String(setting.id)}`, { _: String(setting.id) })
          }
        />
        <DataTable.Col
          label="resources.settings.fields.whatItControls"
          disableSort
          render={(setting) =>
            translate(`tandem.settings.descriptions.${String(setting.id)}`, { _: setting.description ?? '—' })
          }
        />
        <DataTable.Col source="version" align="right" disableSort />
        <DataTable.Col source="updatedAt" label="resources.settings.fields.updatedAt" disableSort>
          <TimeAgoField source="updatedAt" empty="tandem.settings.neverSaved" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
