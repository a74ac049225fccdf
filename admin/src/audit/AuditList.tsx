import HistoryIcon from '@mui/icons-material/History';
import {
  AutocompleteInput,
  DataTable,
  DateTimeInput,
  List,
  ReferenceInput,
  SelectInput,
  TextInput,
} from 'react-admin';
import { useChoiceName } from '../common/choices.ts';
import { TimeAgoField } from '../common/dates.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ListToolbar } from '../common/ListToolbar.tsx';
import { AuditChanges } from './AuditChanges.tsx';
import { auditActionChoices, auditEntityChoices } from './audit-record.ts';

const filters = [
  <ReferenceInput
    key="adminId"
    source="adminId"
    reference="admins"
    sort={{ field: 'username', order: 'ASC' }}
    alwaysOn
  >
    <AutocompleteInput
      label="resources.audit.fields.admin"
      optionText="username"
      filterToQuery={(q) => ({ q })}
    />
  </ReferenceInput>,
  <SelectInput
    key="entity"
    source="entity"
    label="resources.audit.fields.entity"
    choices={auditEntityChoices}
    alwaysOn
  />,
  <DateTimeInput key="from" source="createdAt_gte" label="resources.audit.fields.createdAt_gte" alwaysOn />,
  <DateTimeInput key="to" source="createdAt_lte" label="resources.audit.fields.createdAt_lte" alwaysOn />,
  <SelectInput key="action" source="action" choices={auditActionChoices} />,
  <TextInput key="entityId" source="entityId" label="resources.audit.fields.entityId" helperText={false} />,
];

/**
 * Who changed what: every row an admin's request wrote, newest first. Read-only, like the ledger;
 * a row opens to show the fields before and after the change.
 */
export function AuditList() {
  const choice = useChoiceName();
  return (
    <List
      filters={filters}
      actions={<ListToolbar />}
      sort={{ field: 'id', order: 'DESC' }}
      perPage={25}
      empty={
        <EmptyState icon={<HistoryIcon />} title="tandem.audit.noAdminHasChanged">
          {'tandem.audit.everyChangeMadeIn'}
        </EmptyState>
      }
    >
      <DataTable rowClick="expand" expand={<AuditChanges />} bulkActionButtons={false}>
        <DataTable.Col source="createdAt" label="resources.audit.fields.createdAt">
          <TimeAgoField source="createdAt" />
        </DataTable.Col>
        <DataTable.Col source="adminUsername" disableSort label="resources.audit.fields.adminUsername" />
        <DataTable.Col source="action" disableSort render={(row) => choice(auditActionChoices, row.action)} />
        <DataTable.Col
          source="entity"
          disableSort
          label="resources.audit.fields.entity"
          render={(row) => choice(auditEntityChoices, row.entity)}
        />
        <DataTable.Col source="entityId" label="resources.audit.fields.entityId2" disableSort />
        <DataTable.Col source="operation" label="resources.audit.fields.operation" disableSort />
        <DataTable.Col source="address" label="resources.audit.fields.address" disableSort />
      </DataTable>
    </List>
  );
}
