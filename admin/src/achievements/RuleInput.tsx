import { Box } from '@mui/material';
import { minValue, NumberInput, required, SelectInput } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { wholeNumber } from '../common/validators.ts';
import { ruleKind, ruleKinds } from './achievement-rules.ts';

/** Picks the rule's kind, then asks for that kind's threshold. */
export function RuleInput() {
  const kind = ruleKind(useWatch({ name: 'rule.kind' }));
  return (
    <Box sx={{ display: 'flex', gap: 2, width: '100%' }}>
      <SelectInput
        source="rule.kind"
        label="resources.achievements.fields.unlockedWhenThePlayer"
        choices={ruleKinds}
        validate={required()}
        sx={{ flex: 1 }}
      />
      {kind?.field ? (
        <NumberInput
          key={kind.id}
          source={`rule.${kind.field}`}
          label={kind.fieldLabel}
          validate={[required(), wholeNumber, minValue(1, 'tandem.validation.atLeastOne')]}
          sx={{ flex: 1 }}
        />
      ) : null}
    </Box>
  );
}
