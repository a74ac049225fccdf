import { Box, Chip, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { TextRecord } from './text-record.ts';

/** The placeholders a text can use, each with what it stands for; a click adds one to the editor. */
export function PlaceholderList({
  placeholders,
  onPick,
}: {
  placeholders: TextRecord['placeholders'];
  onPick?: (name: string) => void;
}) {
  const translate = useTranslate();
  if (placeholders.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('tandem.texts.noPlaceholders')}
      </Typography>
    );
  }
  return (
    <Box
      component="ul"
      sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 0.75 }}
      data-testid="placeholders"
    >
      {placeholders.map((p) => (
        <Box component="li" key={p.name} sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
          <Chip
            size="small"
            variant="outlined"
            label={`{${p.name}}`}
            onClick={onPick ? () => onPick(p.name) : undefined}
            sx={{ fontFamily: 'monospace' }}
          />
          <Typography variant="body2">
            {translate(`tandem.placeholders.${p.name}`, { _: p.about })}
            <Typography component="span" variant="body2" color="text.secondary">
              {' · '}
              {translate(`tandem.texts.kind.${p.kind}`)}
            </Typography>
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
