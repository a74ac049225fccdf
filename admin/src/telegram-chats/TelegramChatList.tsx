import GroupsIcon from '@mui/icons-material/Groups';
import { DataTable, List, SelectInput, useTranslate } from 'react-admin';
import { TimeAgoField } from '../common/dates.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ListToolbar } from '../common/ListToolbar.tsx';
import { SearchField } from '../common/SearchField.tsx';
import { BotStatusChip, RightsChips, type TelegramChatRecord } from './RightsChips.tsx';

const typeChoices = [
  { id: 'group', name: 'tandem.telegramChats.type.group' },
  { id: 'supergroup', name: 'tandem.telegramChats.type.supergroup' },
  { id: 'channel', name: 'tandem.telegramChats.type.channel' },
];

function TypeCell({ chat }: { chat: TelegramChatRecord }) {
  const translate = useTranslate();
  return <>{translate(`tandem.telegramChats.type.${chat.type}`, { _: chat.type })}</>;
}

/** How to get the bot into a group: nothing shows here until Telegram tells the bot it was added. */
function NoChatsYet() {
  const translate = useTranslate();
  return (
    <EmptyState icon={<GroupsIcon />} title="tandem.telegramChats.empty">
      {translate('tandem.telegramChats.emptyAdd')}
      <br />
      {translate('tandem.telegramChats.emptyAdmin')}
    </EmptyState>
  );
}

/** The groups and channels Tandem's Telegram bot is or was in, with its standing and rights there. */
export function TelegramChatList() {
  return (
    <List
      filters={[
        <SearchField key="q" source="q" placeholder="tandem.telegramChats.searchTitles" alwaysOn />,
        <SelectInput key="type" source="type" choices={typeChoices} />,
      ]}
      actions={<ListToolbar />}
      sort={{ field: 'title', order: 'ASC' }}
      perPage={25}
      empty={<NoChatsYet />}
    >
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="title" />
        <DataTable.Col source="type" render={(chat: TelegramChatRecord) => <TypeCell chat={chat} />} />
        <DataTable.Col source="status">
          <BotStatusChip />
        </DataTable.Col>
        <DataTable.Col source="rights" disableSort>
          <RightsChips />
        </DataTable.Col>
        <DataTable.Col source="updatedAt">
          <TimeAgoField source="updatedAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
