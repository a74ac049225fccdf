import { Box, Typography } from '@mui/material';
import { brand } from './theme.ts';

/** Two linked rings (Telegram and Discord, in step) and the product name. */
export function TandemMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill={brand.indigo} />
      <circle cx="12.5" cy="16" r="6" fill="none" stroke="#fff" strokeWidth="3" />
      <circle cx="19.5" cy="16" r="6" fill="none" stroke={brand.cyan} strokeWidth="3" />
    </svg>
  );
}

export function TandemLogo({ subtitle }: { subtitle?: string }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.25 }}>
      <TandemMark />
      <Box sx={{ lineHeight: 1 }}>
        <Typography component="span" sx={{ fontWeight: 800, fontSize: 18, letterSpacing: '-0.01em' }}>
          Tandem
        </Typography>
        {subtitle ? (
          <Typography component="span" variant="caption" sx={{ ml: 1, color: 'text.secondary' }}>
            {subtitle}
          </Typography>
        ) : null}
      </Box>
    </Box>
  );
}
