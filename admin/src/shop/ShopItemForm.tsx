import { Box } from '@mui/material';
import {
  BooleanInput,
  DateTimeInput,
  maxLength,
  minValue,
  NumberInput,
  number,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
} from 'react-admin';
import { EditToolbar } from '../common/EditToolbar.tsx';
import { keepEdits, VersionGuard } from '../common/VersionedEdit.tsx';
import { nameRules, wholeNumber } from '../common/validators.ts';
import { ItemKindFields } from './ItemKindFields.tsx';
import { kindChoices } from './shop-records.ts';

/** The API takes instants with their offset: the browser's local time, sent as UTC; empty is none. */
const toInstant = (value: unknown) => (value ? new Date(value as string).toISOString() : null);

const countRules = [number(), wholeNumber, minValue(1, 'tandem.validation.atLeastOne')];

/** The window closes after it opens; the API says the same for a form that skips this check. */
function validate(values: { availableFrom?: string | null; availableUntil?: string | null }) {
  const { availableFrom: from, availableUntil: until } = values;
  if (from && until && new Date(until) <= new Date(from)) {
    return { availableUntil: 'tandem.shop.untilAfterFrom' };
  }
  return {};
}

/**
 * An item of the shop: what it grants (fixed once created: purchases were granted by it), its price,
 * stock, per-player limit, window and minimum rank. The API's field errors show next to each field.
 */
export function ShopItemForm({ edit = false }: { edit?: boolean }) {
  return (
    <SimpleForm
      resetOptions={edit ? keepEdits : undefined}
      // No delete: an item with purchases keeps them; it is taken off sale instead.
      toolbar={edit ? <EditToolbar deletable={false} /> : undefined}
      validate={validate}
      sx={{ maxWidth: 720 }}
    >
      {edit ? <VersionGuard /> : null}
      <TextInput
        source="name"
        label="tandem.shop.fields.name"
        validate={nameRules(100)}
        helperText="tandem.shop.nameHint"
      />
      <TextInput
        source="description"
        label="tandem.shop.fields.description"
        multiline
        minRows={2}
        validate={maxLength(1000)}
      />
      <SelectInput
        source="kind"
        label="tandem.shop.fields.kind"
        choices={kindChoices}
        defaultValue="custom"
        validate={required()}
        disabled={edit}
        helperText={edit ? 'tandem.shop.kindFixed' : 'tandem.shop.kindHint'}
      />
      <ItemKindFields />
      <NumberInput
        source="price"
        label="tandem.shop.fields.price"
        validate={[required(), ...countRules]}
        helperText="tandem.shop.priceHint"
      />
      <Box sx={{ display: 'flex', gap: 2, width: '100%' }}>
        <NumberInput
          source="stock"
          label="tandem.shop.fields.stock"
          validate={[number(), wholeNumber, minValue(0, 'tandem.validation.notNegative')]}
          helperText="tandem.shop.stockHint"
        />
        <NumberInput
          source="perPlayerLimit"
          label="tandem.shop.fields.perPlayerLimit"
          validate={countRules}
          helperText="tandem.shop.limitHint"
        />
      </Box>
      <Box sx={{ display: 'flex', gap: 2, width: '100%' }}>
        <DateTimeInput source="availableFrom" label="tandem.shop.fields.availableFrom" parse={toInstant} />
        <DateTimeInput
          source="availableUntil"
          label="tandem.shop.fields.availableUntil"
          parse={toInstant}
          helperText="tandem.shop.windowHint"
        />
      </Box>
      <ReferenceInput source="minRankId" reference="ranks" sort={{ field: 'minXp', order: 'ASC' }}>
        <SelectInput
          label="tandem.shop.fields.minRankId"
          optionText="name"
          emptyText="tandem.shop.anyRank"
          helperText="tandem.shop.minRankHint"
        />
      </ReferenceInput>
      <BooleanInput
        source="active"
        label="tandem.shop.fields.active"
        defaultValue
        helperText="tandem.shop.activeHint"
      />
    </SimpleForm>
  );
}
