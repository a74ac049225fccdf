import AddModeratorIcon from '@mui/icons-material/AddModerator';
import { Box, Button, Tooltip } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Confirm, useCanAccess, useNotify, useTranslate } from 'react-admin';
import { errorMessage, postJson } from '../api/http.ts';
import { notReadyText } from './discord-words.ts';
import { guildDirectoryQueryKey, refreshGuildDirectory, useGuildDirectory } from './use-guild-directory.ts';

interface MappedRole {
  rankId: number;
  rankName: string;
  roleId: string;
}

/** The answer of `POST /api/ranks/create-discord-roles`. */
export interface CreatedRankRoles {
  created: MappedRole[];
  adopted: MappedRole[];
  /** Ranks that already had a role. */
  skipped: number;
}

/**
 * Gives every active rank without a Discord role one: the API creates it (named as the rank, below
 * Tandem's own role, higher ranks above lower ones) or adopts a free role of the same name, and maps
 * it. Safe to run twice. Offered to those who may edit ranks, enabled when Tandem can manage roles.
 */
export function CreateRankRolesButton() {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { canAccess } = useCanAccess({ resource: 'ranks', action: 'edit' });
  const state = useGuildDirectory();
  const [confirming, setConfirming] = useState(false);
  const create = useMutation({
    mutationFn: () => postJson<CreatedRankRoles>('/ranks/create-discord-roles'),
    onSuccess: async (result) => {
      setConfirming(false);
      notify(
        translate('tandem.discord.rankRolesDone', {
          created: result.created.length,
          adopted: result.adopted.length,
          skipped: result.skipped,
        }),
        { type: 'success', multiLine: true },
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['ranks'] }),
        refreshGuildDirectory(queryClient).catch(() =>
          queryClient.invalidateQueries({ queryKey: guildDirectoryQueryKey }),
        ),
      ]);
    },
    onError: (error) => {
      setConfirming(false);
      notify(errorMessage(error), { type: 'error', multiLine: true });
    },
  });
  if (!canAccess) return null;

  const botRole = state.directory?.bot?.topRoleName ?? 'Tandem';
  const blocked = state.loading
    ? translate('tandem.discord.loading')
    : state.notReady
      ? notReadyText(translate, state)
      : state.directory?.bot && !state.directory.bot.manageRoles
        ? translate('tandem.discord.problem.noManageRoles', { botRole })
        : undefined;
  return (
    <>
      <Tooltip title={blocked ?? translate('tandem.discord.createRankRolesHint')}>
        {/* A disabled button fires no events: the span lets its tooltip say why. */}
        <Box component="span" sx={{ display: 'inline-flex' }}>
          <Button
            size="small"
            startIcon={<AddModeratorIcon />}
            disabled={blocked !== undefined || create.isPending}
            onClick={() => setConfirming(true)}
          >
            {translate('tandem.discord.createRankRoles')}
          </Button>
        </Box>
      </Tooltip>
      <Confirm
        isOpen={confirming}
        loading={create.isPending}
        title="tandem.discord.createRankRolesTitle"
        content={translate('tandem.discord.createRankRolesConfirm', {
          guild: state.directory?.guild?.name ?? 'Discord',
          botRole,
        })}
        confirm="tandem.discord.createRankRoles"
        confirmColor="primary"
        onConfirm={() => create.mutate()}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
