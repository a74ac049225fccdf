import { AutocompleteInput, ReferenceInput } from 'react-admin';

/** Filters a list by player, searching players by name as one types. */
export function PlayerFilterInput({ source = 'playerId' }: { source?: string; alwaysOn?: boolean }) {
  return (
    <ReferenceInput source={source} reference="players">
      <AutocompleteInput
        label="tandem.common.player"
        optionText="displayName"
        filterToQuery={(search) => ({ q: search })}
        sx={{ minWidth: 220 }}
      />
    </ReferenceInput>
  );
}
