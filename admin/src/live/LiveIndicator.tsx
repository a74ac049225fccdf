import { Box, Tooltip, Typography } from '@mui/material';
import { keyframes } from '@mui/material/styles';
import { useTranslate } from 'react-admin';
import { type LiveStatus, useLiveStatus } from './live-status.ts';

const pulse = keyframes`
  0% { box-shadow: 0 0 0 0 currentColor; }
  70% { box-shadow: 0 0 0 6px transparent; }
  100% { box-shadow: 0 0 0 0 transparent; }
`;

const looks: Record<LiveStatus, { label: string; color: string; hint: string; animate: boolean }> = {
  live: {
    label: 'tandem.live.live',
    color: 'success.main',
    hint: 'tandem.live.liveHint',
    animate: true,
  },
  connecting: {
    label: 'tandem.live.connecting',
    color: 'text.disabled',
    hint: 'tandem.live.connectingHint',
    animate: false,
  },
  reconnecting: {
    label: 'tandem.live.reconnecting',
    color: 'warning.main',
    hint: 'tandem.live.reconnectingHint',
    animate: false,
  },
  refused: {
    label: 'tandem.live.refused',
    color: 'error.main',
    hint: 'tandem.live.refusedHint',
    animate: false,
  },
  limited: {
    label: 'tandem.live.limited',
    color: 'warning.main',
    hint: 'tandem.live.limitedHint',
    animate: false,
  },
};

/** The app bar's "Live" / "Reconnecting…" badge. */
export function LiveIndicator() {
  const translate = useTranslate();
  const status = useLiveStatus();
  const look = looks[status];
  return (
    <Tooltip title={translate(look.hint)}>
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
          {translate(look.label)}
        </Typography>
      </Box>
    </Tooltip>
  );
}
