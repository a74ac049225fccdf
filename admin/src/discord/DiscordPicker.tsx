import { Autocomplete, Box, Chip, ListSubheader, TextField, Tooltip, Typography } from '@mui/material';
import type { HTMLAttributes, Key, ReactNode } from 'react';
import {
  FieldTitle,
  InputHelperText,
  type TranslateFunction,
  useInput,
  useResourceContext,
  useTranslate,
  type Validator,
} from 'react-admin';
import { ColourDot } from './ColourDot.tsx';

/** How a picker shows one id: a role or channel of the server, or one it no longer has. */
export interface ChoiceView {
  /** The text in the input, on chips, and what typing filters by. */
  label: string;
  /** A role's colour. */
  colour?: string;
  /** A channel's kind. */
  icon?: ReactNode;
  /** Said after the name in the list, e.g. "position 12". */
  detail?: string;
  /** Not in the server (deleted, or from another server). */
  unknown: boolean;
  /** Why it cannot be chosen here; shown under its name in the list. */
  disabledReason?: string;
  /** The heading it is listed under (a channel's category). */
  group?: string;
}

export interface DiscordPickerProps {
  source: string;
  label: string;
  helperText?: string;
  validate?: Validator | Validator[];
  /** The ids offered, in the order shown, given the ids chosen now. */
  choices: (chosen: string[]) => string[];
  view: (id: string) => ChoiceView;
  /** Lists the choices under their `group` headings. @defaultValue false */
  grouped?: boolean;
  loading?: boolean;
  /** The warning under an unknown chosen id. */
  unknownHint: string;
}

const listboxSx = {
  // A choice that cannot be taken still says why in readable text; its name is greyed instead.
  '& .MuiAutocomplete-option[aria-disabled="true"]': { opacity: 1 },
};

function ChoiceLine({ view }: { view: ChoiceView }) {
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', width: '100%', minWidth: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        {view.icon ?? <ColourDot colour={view.colour} />}
        <Typography
          variant="body2"
          noWrap
          data-testid="choice-name"
          sx={{
            flex: 1,
            color: view.unknown ? 'warning.main' : view.disabledReason ? 'text.disabled' : undefined,
          }}
        >
          {view.label}
        </Typography>
        {view.detail ? (
          <Typography variant="caption" color="text.secondary" sx={{ flex: 'none' }}>
            {view.detail}
          </Typography>
        ) : null}
      </Box>
      {view.disabledReason ? (
        <Typography
          variant="caption"
          data-testid="choice-problem"
          sx={{ color: 'warning.main', whiteSpace: 'normal' }}
        >
          {view.disabledReason}
        </Typography>
      ) : null}
    </Box>
  );
}

function renderOption(view: (id: string) => ChoiceView) {
  return (props: HTMLAttributes<HTMLLIElement> & { key: Key }, id: string) => {
    const { key, ...optionProps } = props;
    return (
      <li key={key} {...optionProps}>
        <ChoiceLine view={view(id)} />
      </li>
    );
  };
}

/** Under the input: the form's error (the API's refusal or a rule's), else a warning, else the help. */
function PickerHelperText(props: { error?: { message?: string }; warning?: string; helperText?: string }) {
  if (props.error) return <InputHelperText error={props.error.message} />;
  if (props.warning) {
    return (
      <Box component="span" sx={{ color: 'warning.main' }}>
        {props.warning}
      </Box>
    );
  }
  return <InputHelperText helperText={props.helperText} />;
}

/** The input's title as react-admin's own inputs write it, with the required mark. */
function PickerTitle(props: { label: string; source: string; isRequired: boolean }) {
  const resource = useResourceContext();
  return (
    <FieldTitle label={props.label} source={props.source} resource={resource} isRequired={props.isRequired} />
  );
}

/** What the single and the multiple picker give MUI's Autocomplete alike. */
function sharedAutocompleteProps(props: DiscordPickerProps, translate: TranslateFunction) {
  return {
    fullWidth: true,
    // Says whether the server's list has arrived (a page's tests wait for it, as for the live dot).
    'data-directory': props.loading ? 'loading' : 'ready',
    loading: props.loading,
    getOptionLabel: (option: string) => props.view(option).label,
    getOptionDisabled: (option: string) => props.view(option).disabledReason !== undefined,
    groupBy: props.grouped ? (option: string) => props.view(option).group ?? '' : undefined,
    renderGroup: props.grouped ? renderGroup(translate) : undefined,
    renderOption: renderOption(props.view),
    slotProps: { listbox: { sx: listboxSx } },
  };
}

/**
 * One role or channel of the server, chosen by name; the form's value stays its id (null: none).
 * Errors of the form, the API's refusals included, show under it like under any input.
 */
export function DiscordPicker(props: DiscordPickerProps) {
  const translate = useTranslate();
  const { id, field, fieldState, isRequired } = useInput<string | null>({
    source: props.source,
    validate: props.validate,
  });
  const chosen = typeof field.value === 'string' && field.value !== '' ? field.value : null;
  const chosenView = chosen ? props.view(chosen) : undefined;
  const warning = chosenView?.unknown
    ? props.unknownHint
    : chosenView?.disabledReason
      ? chosenView.disabledReason
      : undefined;
  return (
    <Autocomplete<string, false, false, false>
      id={id}
      {...sharedAutocompleteProps(props, translate)}
      options={props.choices(chosen ? [chosen] : [])}
      value={chosen}
      onChange={(_event, next) => field.onChange(next ?? null)}
      onBlur={field.onBlur}
      renderInput={(params) => (
        <TextField
          {...params}
          name={field.name}
          // The value shows as a name: a stored id the server does not have stands out.
          sx={chosenView?.unknown ? { '& input': { color: 'warning.main' } } : undefined}
          label={<PickerTitle label={props.label} source={props.source} isRequired={isRequired} />}
          error={fieldState.invalid}
          helperText={
            <PickerHelperText error={fieldState.error} warning={warning} helperText={props.helperText} />
          }
          slotProps={{
            ...params.slotProps,
            input: {
              ...params.slotProps.input,
              startAdornment: chosenView ? (
                <Box sx={{ display: 'flex', alignItems: 'center', pl: 0.5 }}>
                  {chosenView.icon ?? <ColourDot colour={chosenView.colour} />}
                </Box>
              ) : null,
            },
          }}
        />
      )}
    />
  );
}

/** Several roles or channels of the server, chosen by name; the form's value stays the list of ids. */
export function DiscordMultiPicker(props: DiscordPickerProps) {
  const translate = useTranslate();
  const { id, field, fieldState, isRequired } = useInput<string[]>({
    source: props.source,
    validate: props.validate,
    defaultValue: [],
    format: (value) => (Array.isArray(value) ? value : []),
  });
  const chosen: string[] = Array.isArray(field.value) ? field.value : [];
  const unknown = chosen.some((chosenId) => props.view(chosenId).unknown);
  return (
    <Autocomplete<string, true, false, false>
      id={id}
      {...sharedAutocompleteProps(props, translate)}
      multiple
      filterSelectedOptions
      options={props.choices(chosen)}
      value={chosen}
      onChange={(_event, next) => field.onChange([...new Set(next)])}
      onBlur={field.onBlur}
      renderValue={(items, getItemProps) =>
        items.map((item, index) => {
          const { key, ...itemProps } = getItemProps({ index });
          const view = props.view(item);
          return (
            <Tooltip key={key} title={item}>
              <Chip
                size="small"
                label={view.label}
                icon={
                  <Box sx={{ display: 'flex', pl: 0.75 }}>
                    {view.icon ?? <ColourDot colour={view.colour} />}
                  </Box>
                }
                color={view.unknown ? 'warning' : 'default'}
                variant={view.unknown ? 'outlined' : 'filled'}
                {...itemProps}
              />
            </Tooltip>
          );
        })
      }
      renderInput={(params) => (
        <TextField
          {...params}
          name={field.name}
          label={<PickerTitle label={props.label} source={props.source} isRequired={isRequired} />}
          error={fieldState.invalid}
          helperText={
            <PickerHelperText
              error={fieldState.error}
              warning={unknown ? props.unknownHint : undefined}
              helperText={props.helperText}
            />
          }
        />
      )}
    />
  );
}

function renderGroup(translate: TranslateFunction) {
  return (params: { key: number; group: string; children?: ReactNode }) => (
    <li key={params.key}>
      <ListSubheader component="div" sx={{ lineHeight: 2.5, textTransform: 'uppercase', fontSize: 12 }}>
        {params.group || translate('tandem.discord.noCategory')}
      </ListSubheader>
      <Box component="ul" sx={{ p: 0 }}>
        {params.children}
      </Box>
    </li>
  );
}
