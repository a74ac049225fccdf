import { Box, Tooltip, Typography } from '@mui/material';
import { type ReactNode, useMemo } from 'react';
import { type TranslateFunction, useTranslate } from 'react-admin';
import { useTelegramGroups } from '../telegram-chats/use-telegram-groups.ts';
import { chatView } from './ChatListInput.tsx';
import { ColourDot } from './ColourDot.tsx';
import type { ChoiceView } from './DiscordPicker.tsx';
import { notReadyText } from './discord-words.ts';
import { type DirectoryIndex, indexDirectory } from './guild-directory.ts';
import { useGuildDirectory } from './use-guild-directory.ts';
import { channelView, roleView } from './views.tsx';

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

/** How ids of one kind show, given the panel's language and the server's roles and channels. */
type ViewOf = (translate: TranslateFunction, index: DirectoryIndex) => (id: string) => ChoiceView;

/** A role or channel by its mark and name, "Unknown …" in the warning colour, or the id when unlisted. */
function DirectoryName({ id, viewOf }: { id: string; viewOf: ViewOf }) {
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
  const view = viewOf(translate, index)(id);
  if (view.unknown) {
    return (
      <Named id={id}>
        <Unknown text={view.label} />
      </Named>
    );
  }
  return (
    <Named id={id}>
      {view.icon ?? <ColourDot colour={view.colour} />}
      <Text text={view.label} />
    </Named>
  );
}

const roleViewOf: ViewOf = (translate, index) => roleView(translate, index, { assignableOnly: false });

/**
 * A role of the Discord server by its colour and name. A role the server does not have shows as
 * "Unknown role <id>" in the warning colour; when the server cannot be listed, the id as before.
 */
export function DiscordRoleName({ id }: { id: string }) {
  return <DirectoryName id={id} viewOf={roleViewOf} />;
}

/** A channel of the Discord server by its kind and name, or "Unknown channel <id>". */
export function DiscordChannelName({ id }: { id: string }) {
  return <DirectoryName id={id} viewOf={channelView} />;
}

/** A Discord channel or a Telegram group (the chats where messages earn XP), by name. */
export function ChatName({ id }: { id: string }) {
  const groups = useTelegramGroups();
  const viewOf = useMemo(() => chatView(groups), [groups]);
  return <DirectoryName id={id} viewOf={viewOf} />;
}
