import { Chip } from '@mui/material';
import {
  DataTable,
  List,
  NullableBooleanInput,
  SelectInput,
  useGetIdentity,
  useRecordContext,
} from 'react-admin';
import { TimeAgoField } from '../common/dates.tsx';
import { ListToolbar } from '../common/ListToolbar.tsx';
import { SearchField } from '../common/SearchField.tsx';
import { ActiveField, StatusField } from '../common/StatusChip.tsx';

const roleFilterChoices = [
  { id: 'admin', name: 'Admin' },
  { id: 'operator', name: 'Operator' },
];

const filters = [
  <SearchField key="q" source="q" alwaysOn placeholder="tandem.admins.username" />,
  <SelectInput key="role" source="role" choices={roleFilterChoices} />,
  <NullableBooleanInput key="active" source="active" />,
];

function UsernameCell() {
  const admin = useRecordContext<{ id: string; username: string; mustChangePassword?: boolean }>();
  const { identity } = useGetIdentity();
  if (!admin) return null;
  return (
    <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
      <strong>{admin.username}</strong>
      {identity?.id === admin.id ? <Chip size="small" label="you" /> : null}
      {admin.mustChangePassword ? (
        <Chip size="small" color="warning" variant="outlined" label="one-time password" />
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
          <TimeAgoField source="lastLoginAt" empty="Never" />
        </DataTable.Col>
        <DataTable.Col source="createdAt" label="resources.admins.fields.createdAt">
          <TimeAgoField source="createdAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
