import { Chip } from '@mui/material';
import {
  DataTable,
  List,
  NullableBooleanInput,
  SelectInput,
  useGetIdentity,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { TimeAgoField } from '../common/dates.tsx';
import { ListToolbar } from '../common/ListToolbar.tsx';
import { SearchField } from '../common/SearchField.tsx';
import { ActiveField, StatusField } from '../common/StatusChip.tsx';

const roleFilterChoices = [
  { id: 'admin', name: 'tandem.status.admin' },
  { id: 'operator', name: 'tandem.status.operator' },
];

const filters = [
  <SearchField key="q" source="q" alwaysOn placeholder="tandem.admins.username" />,
  <SelectInput key="role" source="role" choices={roleFilterChoices} />,
  <NullableBooleanInput key="active" source="active" />,
];

function UsernameCell() {
  const translate = useTranslate();
  const admin = useRecordContext<{ id: string; username: string; mustChangePassword?: boolean }>();
  const { identity } = useGetIdentity();
  if (!admin) return null;
  return (
    <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
      <strong>{admin.username}</strong>
      {identity?.id === admin.id ? <Chip size="small" label={translate('tandem.admins.you')} /> : null}
      {admin.mustChangePassword ? (
        <Chip
          size="small"
          color="warning"
          variant="outlined"
          label={translate('tandem.admins.oneTimePassword')}
        />
      ) : null}
    </span>
  );
}

/** Who can sign in to the panel, and with which role. */
export function AdminList() {
  return (
    <List
      filters={filters}
      actions={<ListToolbar create />}
      sort={{ field: 'username', order: 'ASC' }}
      perPage={25}
    >
      <DataTable rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col source="username">
          <UsernameCell />
        </DataTable.Col>
        <DataTable.Col source="role">
          <StatusField source="role" />
        </DataTable.Col>
        <DataTable.Col source="active">
          <ActiveField />
        </DataTable.Col>
        <DataTable.Col source="lastLoginAt" label="resources.admins.fields.lastLoginAt">
          <TimeAgoField source="lastLoginAt" empty="tandem.common.never" />
        </DataTable.Col>
        <DataTable.Col source="createdAt" label="resources.admins.fields.createdAt">
          <TimeAgoField source="createdAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
