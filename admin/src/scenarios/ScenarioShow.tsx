import { Box, Chip, Stack, Typography } from '@mui/material';
import {
  BooleanField,
  Labeled,
  NumberField,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { ShowActions } from '../common/ShowActions.tsx';
import { RecordTitle } from '../common/titles.tsx';

interface ScenarioButton {
  label: string;
  scenario?: string;
  url?: string;
  command?: string;
}

/** The page as a player sees it: the text, then its buttons. */
function Preview(_props: { label?: string }) {
  const translate = useTranslate();
  const scenario = useRecordContext<{ text: string; buttons?: ScenarioButton[] }>();
  if (!scenario) return null;
  return (
    <Box sx={{ maxWidth: 560, p: 2, borderRadius: 3, bgcolor: 'action.hover' }}>
      <Typography sx={{ whiteSpace: 'pre-wrap' }}>{scenario.text}</Typography>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mt: 1.5 }}>
        {(scenario.buttons ?? []).map((button) => (
          <Chip
            key={button.label}
            label={button.label}
            variant="outlined"
            title={
              button.scenario
                ? translate('tandem.scenarios.opens', { slug: button.scenario })
                : (button.url ?? button.command)
            }
          />
        ))}
      </Stack>
    </Box>
  );
}

export function ScenarioShow() {
  return (
    <Show title={<RecordTitle />} actions={<ShowActions />}>
      <SimpleShowLayout>
        <TextField source="title" />
        <TextField source="slug" />
        <Labeled label="resources.scenarios.fields.whatTheBotShows">
          <Preview />
        </Labeled>
        <NumberField source="rewardXp" label="resources.scenarios.fields.rewardXp" />
        <NumberField source="rewardCoins" label="resources.scenarios.fields.rewardCoins" />
        <BooleanField source="active" />
      </SimpleShowLayout>
    </Show>
  );
}
