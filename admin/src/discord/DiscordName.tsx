import { Box, Tooltip, Typography } from '@mui/material';
import { type ReactNode, useMemo } from 'react';
import { useTranslate } from 'react-admin';
import { ColourDot } from './ColourDot.tsx';
import { channelName, notReadyText } from './discord-words.ts';
import { indexDirectory, roleColour } from './guild-directory.ts';
import { useGuildDirectory } from './use-guild-directory.ts';
import { ChannelIcon } from './views.tsx';

/** The name of a role or channel where its id is stored; the id in the tooltip. */
function Named({ id, tooltip, children }: { id: string; tooltip?: string; children: ReactNode }) {
  return (
    <Tooltip title={tooltip ?? id}>
      <Box
        component="span"
        data-discord-id={id}
        sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75, maxWidth: '100%' }}
      >
        {children}
      </Box>
    </Tooltip>
  );
}

function Unknown({ text }: { text: string }) {
  return (
    <Typography component="span" variant="body2" sx={{ color: 'warning.main' }}>
      {text}
    </Typography>
  );
}

function Text({ text }: { text: string }) {
  return (
    <Typography component="span" variant="body2" noWrap>
      {text}
    </Typography>
  );
}

/**
 * A role of the Discord server by its colour and name. A role the server does not have shows as
 * "Unknown role <id>" in the warning colour; when the server cannot be listed, the id as before.
 */
export function DiscordRoleName({ id }: { id: string }) {
  const translate = useTranslate();
  const state = useGuildDirectory();
  const index = useMemo(() => indexDirectory(state.directory), [state.directory]);
  if (!state.ready) {
    return (
      <Named id={id} tooltip={state.notReady ? notReadyText(translate, state) : id}>
        <Text text={id} />
      </Named>
    );
  }
  const role = index.roles.get(id);
  if (!role) {
    return (
      <Named id={id}>
        <Unknown text={translate('tandem.discord.unknownRole', { id })} />
      </Named>
    );
  }
  return (
    <Named id={id}>
      <ColourDot colour={roleColour(role.color)} />
      <Text text={role.name} />
    </Named>
  );
}

/** A channel of the Discord server by its kind and name, or "Unknown channel <id>". */
export function DiscordChannelName({ id }: { id: string }) {
  const translate = useTranslate();
  const state = useGuildDirectory();
  const index = useMemo(() => indexDirectory(state.directory), [state.directory]);
  if (!state.ready) {
    return (
      <Named id={id} tooltip={state.notReady ? notReadyText(translate, state) : id}>
        <Text text={id} />
      </Named>
    );
  }
  const channel = index.channels.get(id);
  if (!channel) {
    return (
      <Named id={id}>
        <Unknown text={translate('tandem.discord.unknownChannel', { id })} />
      </Named>
    );
  }
  return (
    <Named id={id}>
      <ChannelIcon type={channel.type} />
      <Text text={channelName(channel)} />
    </Named>
  );
}
