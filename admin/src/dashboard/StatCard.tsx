import { Box, Card, CardActionArea, CardContent, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { Link } from 'react-router';

export interface StatCardProps {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  icon: ReactNode;
  /** A palette colour for the icon badge, e.g. `warning.main`. */
  tone?: string;
  /** Where the card leads (a filtered list). */
  to?: string;
}

/** A headline figure of the dashboard; the whole card links to the list behind it. */
export function StatCard({ label, value, hint, icon, tone = 'primary.main', to }: StatCardProps) {
  const translate = useTranslate();
  const body = (
    <CardContent sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
      <Box
        sx={{
          width: 44,
          height: 44,
          borderRadius: 2.5,
          display: 'grid',
          placeItems: 'center',
          color: tone,
          bgcolor: 'action.hover',
          flexShrink: 0,
        }}
      >
        {icon}
      </Box>
      <Box sx={{ minWidth: 0 }}>
        <Typography
          variant="caption"
          color="text.secondary"
          sx={{ fontWeight: 700, textTransform: 'uppercase' }}
        >
          {translate(label, { _: label })}
        </Typography>
        <Typography variant="h5" component="div" sx={{ fontVariantNumeric: 'tabular-nums', lineHeight: 1.2 }}>
          {value}
        </Typography>
        {hint ? (
          <Typography variant="caption" color="text.secondary">
            {typeof hint === 'string' ? translate(hint, { _: hint }) : hint}
          </Typography>
        ) : null}
      </Box>
    </CardContent>
  );
  return (
    <Card sx={{ height: '100%' }}>
      {to ? (
        <CardActionArea component={Link} to={to} sx={{ height: '100%' }}>
          {body}
        </CardActionArea>
      ) : (
        body
      )}
    </Card>
  );
}
