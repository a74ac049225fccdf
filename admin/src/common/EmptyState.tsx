import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

/** What a list says when there is nothing in it yet: what would appear here, and how it gets there. */
export function EmptyState({
  icon,
  title,
  children,
}: {
  icon: ReactNode;
  title: string;
  children?: ReactNode;
}) {
  const translate = useTranslate();
  return (
    <Box
      sx={{
        textAlign: 'center',
        py: 8,
        px: 3,
        color: 'text.secondary',
        '& .MuiSvgIcon-root': { fontSize: 56, color: 'primary.light', opacity: 0.7 },
      }}
    >
      {icon}
      <Typography variant="h6" sx={{ color: 'text.primary', mt: 1 }}>
        {translate(title, { _: title })}
      </Typography>
      {children ? (
        <Typography variant="body2" sx={{ maxWidth: 460, mx: 'auto', mt: 1 }}>
          {typeof children === 'string' ? translate(children, { _: children }) : children}
        </Typography>
      ) : null}
    </Box>
  );
}
