import LinkIcon from '@mui/icons-material/Link';
import SlideshowIcon from '@mui/icons-material/Slideshow';
import TerminalIcon from '@mui/icons-material/Terminal';
import { Box, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useState } from 'react';
import {
  AutocompleteInput,
  ReferenceInput,
  regex,
  required,
  TextInput,
  useGetList,
  useSourceContext,
  useTranslate,
} from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';

type Kind = 'scenario' | 'url' | 'command';

export interface ButtonTargetInputProps {
  /**
   * How the button names its scenario: `scenarioId` (menu buttons, by id) or `scenario` (a scenario's
   * inline buttons, by slug, so pages can point at pages written later).
   */
  scenarioField: 'scenarioId' | 'scenario';
  /**
   * What an unchosen target is set to: menu buttons store `null` columns; inline buttons are JSON whose
   * unused keys must be absent. @defaultValue null
   */
  cleared?: null | undefined;
}

const scenarioLabel = (choice: { title: string; slug: string }) => `${choice.title} (${choice.slug})`;

/**
 * A scenario named by slug (inline buttons). Not a ReferenceInput: those look records up by id, and a
 * slug may name a page not written yet, which must stay selectable as typed.
 */
function ScenarioSlugInput() {
  const { data = [], isPending } = useGetList<{ id: number; title: string; slug: string }>('scenarios', {
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'title', order: 'ASC' },
  });
  return (
    <AutocompleteInput
      source="scenario"
      label="tandem.content.scenario"
      choices={data}
      isPending={isPending}
      optionText={scenarioLabel}
      optionValue="slug"
      validate={required('tandem.content.chooseScenario')}
    />
  );
}

const urlRule = regex(/^https?:\/\/\S+$/, 'tandem.content.urlRule');
const commandRule = regex(/^\/[a-z0-9_]{1,31}$/, 'tandem.content.commandRule');

/**
 * What a bot button opens: exactly one of a scenario, a web link or a bot command (the API refuses
 * two). Choosing a kind clears the other two, so the form never sends an ambiguous button.
 */
export function ButtonTargetInput({ scenarioField, cleared = null }: ButtonTargetInputProps) {
  const translate = useTranslate();
  const sourceContext = useSourceContext();
  const path = (field: string) => sourceContext.getSource(field);
  const { setValue } = useFormContext();
  const [scenario, url, command] = useWatch({ name: [path(scenarioField), path('url'), path('command')] });
  const [kind, setKind] = useState<Kind>(
    url ? 'url' : command ? 'command' : scenario ? 'scenario' : 'scenario',
  );

  const choose = (next: Kind | null) => {
    if (!next || next === kind) return;
    const fields: Record<Kind, string> = { scenario: scenarioField, url: 'url', command: 'command' };
    for (const other of Object.keys(fields) as Kind[]) {
      if (other !== next) setValue(path(fields[other]), cleared, { shouldDirty: true });
    }
    setKind(next);
  };

  return (
    <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', width: '100%', flexWrap: 'wrap' }}>
      <ToggleButtonGroup
        exclusive
        size="small"
        value={kind}
        onChange={(_event, next: Kind | null) => choose(next)}
        aria-label={translate('tandem.content.whatItOpens')}
        sx={{ mt: 1 }}
      >
        <ToggleButton value="scenario">
          <SlideshowIcon fontSize="small" sx={{ mr: 0.5 }} /> {translate('tandem.content.scenario')}
        </ToggleButton>
        <ToggleButton value="url">
          <LinkIcon fontSize="small" sx={{ mr: 0.5 }} /> {translate('tandem.content.webLink')}
        </ToggleButton>
        <ToggleButton value="command">
          <TerminalIcon fontSize="small" sx={{ mr: 0.5 }} /> {translate('tandem.content.command')}
        </ToggleButton>
      </ToggleButtonGroup>
      <Box sx={{ flex: 1, minWidth: 240 }}>
        {kind === 'scenario' ? (
          scenarioField === 'scenarioId' ? (
            <ReferenceInput source="scenarioId" reference="scenarios" sort={{ field: 'title', order: 'ASC' }}>
              <AutocompleteInput
                label="tandem.content.scenario"
                optionText={scenarioLabel}
                filterToQuery={(search) => ({ q: search })}
                validate={required('tandem.content.chooseScenario')}
              />
            </ReferenceInput>
          ) : (
            <ScenarioSlugInput />
          )
        ) : kind === 'url' ? (
          <TextInput
            source="url"
            label="tandem.content.webLink"
            validate={[required(), urlRule]}
            placeholder="https://…"
          />
        ) : (
          <TextInput
            source="command"
            label="tandem.content.botCommand"
            validate={[required(), commandRule]}
            placeholder="/daily"
          />
        )}
      </Box>
    </Box>
  );
}
