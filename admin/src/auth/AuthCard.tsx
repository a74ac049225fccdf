import { Box, Card, CardContent, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { TandemMark } from '../layout/TandemLogo.tsx';
import { brand } from '../layout/theme.ts';

/** The centred card of the sign-in and first-password pages, on Tandem's gradient. */
export function AuthCard({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle: string;
  children: ReactNode;
}) {
  const translate = useTranslate();
  return (
    <Box
      sx={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        p: 2,
        background: `radial-gradient(circle at 20% 10%, ${brand.cyan}33 0, transparent 40%),
          radial-gradient(circle at 85% 90%, ${brand.indigo}55 0, transparent 45%), #12132a`,
      }}
    >
      <Card sx={{ width: '100%', maxWidth: 400, borderRadius: 4 }}>
        <CardContent sx={{ p: 4 }}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, mb: 3 }}>
            <TandemMark size={40} />
            <Box>
              <Typography variant="h5" component="h1">
                {translate(title, { _: title })}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {translate(subtitle, { _: subtitle })}
              </Typography>
            </Box>
          </Box>
          {children}
        </CardContent>
      </Card>
    </Box>
  );
}
