import PeopleIcon from '@mui/icons-material/People';
import {
  DataTable,
  List,
  NullableBooleanInput,
  ReferenceInput,
  SelectInput,
  useRecordContext,
} from 'react-admin';
import type { PlayerRecord } from '../api/records.ts';
import { CoinsField, RankChip, XpField } from '../common/amounts.tsx';
import { TimeAgoField } from '../common/dates.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ListToolbar } from '../common/ListToolbar.tsx';
import { IdentitiesField } from '../common/PlatformChip.tsx';
import { SearchField } from '../common/SearchField.tsx';
import { PlayerName } from './PlayerName.tsx';
import { rankNameOf } from './player-display.ts';

const platformChoices = [
  { id: 'telegram', name: 'Telegram' },
  { id: 'discord', name: 'Discord' },
];

const filters = [
  <SearchField key="q" source="q" alwaysOn placeholder="tandem.players.nameOrUsername" />,
  <ReferenceInput
    key="rank"
    source="rank"
    reference="ranks"
    sort={{ field: 'minXp', order: 'ASC' }}
    perPage={100}
  >
    <SelectInput label="resources.players.fields.rank" optionText="name" />
  </ReferenceInput>,
  <SelectInput
    key="platform"
    source="platform"
    label="resources.players.fields.platform"
    choices={platformChoices}
  />,
  <NullableBooleanInput
    key="linked"
    source="linked"
    label="resources.players.fields.linked"
    trueLabel="tandem.players.linkedYes"
    falseLabel="tandem.players.onePlatform"
  />,
  // Accounts folded into another by linking are hidden unless asked for (the API's default).
  <NullableBooleanInput
    key="merged"
    source="merged"
    label="resources.players.fields.merged"
    trueLabel="tandem.players.onlyMerged"
    falseLabel="tandem.players.hideMerged"
  />,
];

function RankCell() {
  const player = useRecordContext<PlayerRecord>();
  return <RankChip name={rankNameOf(player)} />;
}

const empty = (
  <EmptyState icon={<PeopleIcon />} title="tandem.players.noPlayersYet">
    {'tandem.players.playersAppearHereAs'}
  </EmptyState>
);

/** Every player, searchable by name or platform username, with their rank, XP and coins. */
export function PlayerList() {
  return (
    <List
      filters={filters}
      actions={<ListToolbar />}
      sort={{ field: 'xp', order: 'DESC' }}
      perPage={25}
      empty={empty}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="displayName" label="resources.players.fields.displayName2">
          <PlayerName />
        </DataTable.Col>
        <DataTable.Col label="resources.players.fields.platforms" disableSort>
          <IdentitiesField />
        </DataTable.Col>
        <DataTable.Col label="resources.players.fields.rank" disableSort>
          <RankCell />
        </DataTable.Col>
        <DataTable.Col source="xp" label="resources.players.fields.xp" align="right">
          <XpField />
        </DataTable.Col>
        <DataTable.Col source="balance" disableSort label="resources.players.fields.balance" align="right">
          <CoinsField />
        </DataTable.Col>
        <DataTable.Col source="createdAt" disableSort label="resources.players.fields.createdAt">
          <TimeAgoField source="createdAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
