import NotificationsNoneIcon from '@mui/icons-material/NotificationsNone';
import { Chip, Stack } from '@mui/material';
import { DataTable, List, SelectInput, useTranslate } from 'react-admin';
import { Link } from 'react-router';
import { useFormatDateTime } from '../common/dates.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ListToolbar } from '../common/ListToolbar.tsx';
import { pagerPath } from './PagerPage.tsx';

export interface AlertIncidentRecord {
  id: string;
  conditionKey: string;
  kind: string | null;
  startedAt: string;
  resolvedAt: string | null;
  durationSeconds: number;
  details: Record<string, unknown>;
  paged: Array<{ admin: string; platform: string; kind: string; folded: boolean; at: string }>;
}

const stateChoices = [
  { id: 'true', name: 'tandem.alerts.open' },
  { id: 'false', name: 'tandem.alerts.resolved' },
];

/** `1 h 5 min`, `3 min`, `40 s`: how long an incident lasted (or has lasted). */
export function durationText(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function ConditionCell({ incident }: { incident: AlertIncidentRecord }) {
  const translate = useTranslate();
  const subject = incident.conditionKey.split(':').slice(1).join(':');
  const name = translate(`tandem.alerts.condition.${incident.kind ?? 'unknown'}`, {
    _: incident.conditionKey,
  });
  return <>{subject ? `${name}: ${subject}` : name}</>;
}

function ResolvedCell({ incident }: { incident: AlertIncidentRecord }) {
  const translate = useTranslate();
  const format = useFormatDateTime();
  if (!incident.resolvedAt)
    return <Chip size="small" color="error" label={translate('tandem.alerts.open')} />;
  return <>{format(incident.resolvedAt)}</>;
}

function PagedCell({ incident }: { incident: AlertIncidentRecord }) {
  const translate = useTranslate();
  const opened = incident.paged.filter((page) => page.kind === 'opened');
  if (opened.length === 0) return <>{translate('tandem.alerts.nobodyPaged')}</>;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {opened.map((page) => (
        <Chip
          key={`${page.admin}-${page.platform}`}
          size="small"
          variant={page.folded ? 'outlined' : 'filled'}
          label={`${page.admin} · ${page.platform}${page.folded ? ` (${translate('tandem.alerts.folded')})` : ''}`}
        />
      ))}
    </Stack>
  );
}

function NoIncidents() {
  const translate = useTranslate();
  return (
    <EmptyState icon={<NotificationsNoneIcon />} title="tandem.alerts.empty">
      {translate('tandem.alerts.emptyHint')} <Link to={pagerPath}>{translate('tandem.pager.title')}</Link>
    </EmptyState>
  );
}

/** The pager's incidents, newest first: what went wrong, when, for how long, and who was told. */
export function AlertList() {
  const format = useFormatDateTime();
  return (
    <List
      filters={[<SelectInput key="open" source="open" choices={stateChoices} />]}
      actions={<ListToolbar />}
      sort={{ field: 'startedAt', order: 'DESC' }}
      perPage={25}
      empty={<NoIncidents />}
    >
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col
          source="conditionKey"
          render={(incident: AlertIncidentRecord) => <ConditionCell incident={incident} />}
        />
        <DataTable.Col
          source="startedAt"
          render={(incident: AlertIncidentRecord) => format(incident.startedAt)}
        />
        <DataTable.Col
          source="resolvedAt"
          render={(incident: AlertIncidentRecord) => <ResolvedCell incident={incident} />}
        />
        <DataTable.Col
          source="durationSeconds"
          disableSort
          render={(incident: AlertIncidentRecord) => durationText(incident.durationSeconds)}
        />
        <DataTable.Col
          source="paged"
          disableSort
          render={(incident: AlertIncidentRecord) => <PagedCell incident={incident} />}
        />
      </DataTable>
    </List>
  );
}
