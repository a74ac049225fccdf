import { useGetRecordRepresentation, useRecordContext, useResourceContext } from 'react-admin';

/** One record of each resource, named for people (the menu shows the plural). */
const singular: Record<string, string> = {
  players: 'Player',
  ledger: 'Ledger row',
  sync_events: 'Sync event',
  sync_states: 'Sync state',
  ranks: 'Rank',
  achievements: 'Achievement',
  menu_buttons: 'Menu button',
  scenarios: 'Scenario',
  tasks: 'Task',
  task_submissions: 'Submission',
  payouts: 'Payout',
  settings: 'Setting',
  admins: 'Admin',
};

export function singularOf(resource: string): string {
  return singular[resource] ?? resource;
}

/** "Scenario · How it works": the app bar title of a record's page. */
export function RecordTitle() {
  const resource = useResourceContext() ?? '';
  const record = useRecordContext();
  const represent = useGetRecordRepresentation(resource);
  return (
    <span>
      {singularOf(resource)}
      {record ? <> · {represent(record)}</> : null}
    </span>
  );
}

/** "New scenario". */
export function CreateTitle() {
  const resource = useResourceContext() ?? '';
  return <span>New {singularOf(resource).toLowerCase()}</span>;
}
