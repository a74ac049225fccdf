import MilitaryTechIcon from '@mui/icons-material/MilitaryTech';
import { Chip } from '@mui/material';
import { DataTable, List, NullableBooleanInput } from 'react-admin';
import { formatNumber } from '../common/amounts.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ListToolbar } from '../common/ListToolbar.tsx';
import { SearchField } from '../common/SearchField.tsx';
import { ActiveField } from '../common/StatusChip.tsx';
import { useEditOrShow } from '../common/use-row-click.ts';
import { CreateRankRolesButton } from '../discord/CreateRankRolesButton.tsx';
import { DiscordRoleField } from '../discord/DiscordFields.tsx';

const filters = [
  <SearchField key="q" source="q" alwaysOn placeholder="tandem.ranks.rankName" />,
  <NullableBooleanInput key="active" source="active" />,
  <NullableBooleanInput key="hasRole" source="hasRole" label="resources.ranks.fields.hasRole" />,
];

/** The rank ladder, lowest first. */
export function RankList() {
  const rowClick = useEditOrShow();
  return (
    <List
      filters={filters}
      actions={
        <ListToolbar create>
          <CreateRankRolesButton />
        </ListToolbar>
      }
      sort={{ field: 'minXp', order: 'ASC' }}
      perPage={50}
      empty={
        <EmptyState icon={<MilitaryTechIcon />} title="tandem.ranks.noRanks">
          {'tandem.ranks.ranksTurnXpInto'}
        </EmptyState>
      }
    >
      <DataTable rowClick={rowClick} bulkActionButtons={false}>
        <DataTable.Col source="priority" align="right" />
        <DataTable.Col
          source="name"
          render={(rank) => <Chip size="small" color="primary" variant="outlined" label={rank.name} />}
        />
        <DataTable.Col
          source="minXp"
          label="resources.ranks.fields.minXp2"
          align="right"
          render={(rank) => formatNumber(rank.minXp)}
        />
        <DataTable.Col source="discordRoleId" disableSort label="resources.ranks.fields.discordRoleId2">
          <DiscordRoleField source="discordRoleId" />
        </DataTable.Col>
        <DataTable.Col source="active">
          <ActiveField />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
