import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { CreateButton, useResourceDefinition, useTranslate } from 'react-admin';

/**
 * What a list says when there is nothing in it yet: what would appear here, and how it gets there.
 * A list that is empty shows this instead of its toolbar, so where records can be created the first
 * one is created from here.
 */
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
  const { hasCreate } = useResourceDefinition();
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
      {hasCreate ? <CreateButton variant="contained" sx={{ mt: 3 }} /> : null}
    </Box>
  );
}
