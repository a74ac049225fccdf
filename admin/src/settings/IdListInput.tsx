import { Autocomplete, Chip, TextField } from '@mui/material';
import { useInput, useTranslate } from 'react-admin';

/**
 * A list of platform ids (channels, roles) typed as chips: Enter or a comma adds one. Errors from the
 * API for the list or one of its items show under it.
 */
export function IdListInput({
  source,
  label,
  helperText,
}: {
  source: string;
  label: string;
  helperText?: string;
}) {
  const translate = useTranslate();
  const { field, fieldState } = useInput<string[]>({ source, defaultValue: [] });
  const values: string[] = Array.isArray(field.value) ? field.value : [];
  const add = (items: string[]) =>
    field.onChange([...new Set(items.map((item) => item.trim()).filter(Boolean))]);
  return (
    <Autocomplete<string, true, false, true>
      multiple
      freeSolo
      options={[]}
      value={values}
      onChange={(_event, next) => add(next)}
      onBlur={field.onBlur}
      renderValue={(items, getItemProps) =>
        items.map((item, index) => {
          const { key, ...itemProps } = getItemProps({ index });
          return <Chip key={key} size="small" label={item} {...itemProps} />;
        })
      }
      renderInput={(params) => (
        <TextField
          {...params}
          label={translate(label, { _: label })}
          error={fieldState.invalid}
          helperText={fieldState.error?.message ?? helperText ?? translate('tandem.settings.pressEnter')}
          onKeyDown={(event) => {
            const input = event.target as HTMLInputElement;
            if (event.key === ',' && input.value.trim()) {
              event.preventDefault();
              add([...values, input.value]);
              input.value = '';
            }
          }}
        />
      )}
    />
  );
}
