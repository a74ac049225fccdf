import { Box, FormControl, FormControlLabel, FormLabel, Radio, RadioGroup, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

/** The panel text keys of one option: its name and the hint under it. */
export interface HintedOption<T extends string> {
  value: T;
  name: string;
  hint: string;
}

/** A labelled choice of one option, each with a hint under its name (all panel text keys). */
export function HintedRadioGroup<T extends string>(props: {
  label: string;
  options: ReadonlyArray<HintedOption<T>>;
  value: T;
  onChange: (value: T) => void;
  disabled?: boolean;
}) {
  const translate = useTranslate();
  return (
    <FormControl>
      <FormLabel>{translate(props.label)}</FormLabel>
      <RadioGroup value={props.value} onChange={(_e, value) => props.onChange(value as T)}>
        {props.options.map((option) => (
          <FormControlLabel
            key={option.value}
            value={option.value}
            control={<Radio />}
            disabled={props.disabled}
            label={
              <Box sx={{ py: 0.5 }}>
                <Typography>{translate(option.name)}</Typography>
                <Typography variant="body2" color="text.secondary">
                  {translate(option.hint)}
                </Typography>
              </Box>
            }
          />
        ))}
      </RadioGroup>
    </FormControl>
  );
}
