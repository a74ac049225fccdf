import { Box } from '@mui/material';
import { useFieldValue } from 'react-admin';

/** A JSON column (payload, metadata) pretty-printed. */
export function JsonField({ source }: { source: string; label?: string }) {
  const value = useFieldValue({ source });
  if (value === undefined || value === null) return <span>—</span>;
  return (
    <Box
      component="pre"
      sx={{
        m: 0,
        p: 1.5,
        borderRadius: 2,
        bgcolor: 'action.hover',
        fontSize: 12,
        fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
        overflow: 'auto',
        maxHeight: 320,
      }}
    >
      {JSON.stringify(value, null, 2)}
    </Box>
  );
}
