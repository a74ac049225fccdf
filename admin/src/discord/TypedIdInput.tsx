import { TextInput, useTranslate, type Validator } from 'react-admin';
import { IdListInput } from '../settings/IdListInput.tsx';

/**
 * Today's way of choosing a role or channel, for when the server cannot be listed: its id typed by
 * hand (Developer Mode → Copy ID), with a note that says why the names are missing.
 */
export function TypedIdInput(props: {
  source: string;
  label: string;
  helperText?: string;
  note: string;
  validate?: Validator | Validator[];
  multiple?: boolean;
}) {
  const translate = useTranslate();
  const hint = props.helperText ? `${translate(props.helperText, { _: props.helperText })} ` : '';
  if (props.multiple) {
    return (
      <IdListInput
        source={props.source}
        label={props.label}
        helperText={`${hint}${props.note} ${translate('tandem.settings.pressEnter')}`}
      />
    );
  }
  return (
    <TextInput
      source={props.source}
      label={props.label}
      validate={props.validate}
      helperText={`${hint}${props.note}`}
      parse={(value: string) => (value === '' ? null : value)}
    />
  );
}
