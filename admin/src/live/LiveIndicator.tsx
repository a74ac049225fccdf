import { Box, Tooltip, Typography } from '@mui/material';
import { keyframes } from '@mui/material/styles';
import { type LiveStatus, useLiveStatus } from './live-status.ts';

const pulse = keyframes`
  0% { box-shadow: 0 0 0 0 currentColor; }
  70% { box-shadow: 0 0 0 6px transparent; }
  100% { box-shadow: 0 0 0 0 transparent; }
`;

const looks: Record<LiveStatus, { label: string; color: string; hint: string; animate: boolean }> = {
  live: {
    label: 'Live',
    color: 'success.main',
    hint: 'Changes made anywhere (other admins, the bots, the workers) appear here as they happen.',
    animate: true,
  },
  connecting: {
    label: 'Connecting…',
    color: 'text.disabled',
    hint: 'Opening the live connection to the Tandem API.',
    animate: false,
  },
  reconnecting: {
    label: 'Reconnecting…',
    color: 'warning.main',
    hint: 'The live connection was lost. Pages refresh by themselves once it is back.',
    animate: false,
  },
  refused: {
    label: 'Offline',
    color: 'error.main',
    hint: 'The API refused the live connection (the session may have ended). Retrying…',
    animate: false,
  },
};

/** The app bar's "Live" / "Reconnecting…" badge. */
export function LiveIndicator() {
  const status = useLiveStatus();
  const look = looks[status];
  return (
    <Tooltip title={look.hint}>
      <Box
        role="status"
        aria-live="polite"
        data-live-status={status}
        sx={{
          display: 'flex',
          alignItems: 'center',
          gap: 1,
          px: 1.25,
          py: 0.5,
          mx: 1,
          borderRadius: 99,
          border: 1,
          borderColor: 'divider',
          color: look.color,
          whiteSpace: 'nowrap',
        }}
      >
        <Box
          component="span"
          sx={{
            width: 8,
            height: 8,
            borderRadius: '50%',
            bgcolor: 'currentColor',
            animation: look.animate ? `${pulse} 2s infinite` : 'none',
          }}
        />
        <Typography variant="caption" sx={{ fontWeight: 700, color: 'text.primary' }}>
          {look.label}
        </Typography>
      </Box>
    </Tooltip>
  );
}
