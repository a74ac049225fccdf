import { Box, FormControl, FormControlLabel, FormLabel, Radio, RadioGroup, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

/**
 * A labelled choice of one option, each with a hint under its name. The texts are `${textKey}.label`
 * for the question, `${textKey}.<option>` and `${textKey}.<option>Hint` for each option.
 */
export function HintedRadioGroup<T extends string>(props: {
  textKey: string;
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  disabled?: boolean;
}) {
  const translate = useTranslate();
  return (
    <FormControl>
      <FormLabel>{translate(`${props.textKey}.label`)}</FormLabel>
      <RadioGroup value={props.value} onChange={(_e, value) => props.onChange(value as T)}>
        {props.options.map((option) => (
          <FormControlLabel
            key={option}
            value={option}
            control={<Radio />}
            disabled={props.disabled}
            label={
              <Box sx={{ py: 0.5 }}>
                <Typography>{translate(`${props.textKey}.${option}`)}</Typography>
                <Typography variant="body2" color="text.secondary">
                  {translate(`${props.textKey}.${option}Hint`)}
                </Typography>
              </Box>
            }
          />
        ))}
      </RadioGroup>
    </FormControl>
  );
}
