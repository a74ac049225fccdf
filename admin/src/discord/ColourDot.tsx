import { Box } from '@mui/material';

/** A role's colour as Discord shows it next to a name; a hollow ring for a role without one. */
export function ColourDot({ colour }: { colour?: string }) {
  return (
    <Box
      component="span"
      aria-hidden
      sx={{
        display: 'inline-block',
        flex: 'none',
        width: 10,
        height: 10,
        borderRadius: '50%',
        border: 1,
        borderColor: colour ?? 'text.disabled',
        bgcolor: colour ?? 'transparent',
      }}
    />
  );
}
