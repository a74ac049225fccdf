import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

/** A titled group of the earning-rules form. */
export function SettingsSection({
  title,
  hint,
  children,
}: {
  title: string;
  hint: string;
  children: ReactNode;
}) {
  const translate = useTranslate();
  return (
    <Box
      component="section"
      sx={{ width: '100%', border: 1, borderColor: 'divider', borderRadius: 3, p: 2, mb: 2 }}
    >
      <Typography variant="subtitle1" sx={{ fontWeight: 700 }}>
        {translate(title, { _: title })}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate(hint, { _: hint })}
      </Typography>
      {children}
    </Box>
  );
}

/** Inputs side by side, wrapping on narrow screens. */
export function Row({ children }: { children: ReactNode }) {
  return (
    <Box
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', sm: 'repeat(auto-fit, minmax(180px, 1fr))' },
        gap: 2,
      }}
    >
      {children}
    </Box>
  );
}
