import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js';
import { linkButtonLabels } from '../../replies/link.ts';
import type { Translate } from '../../texts/texts.ts';

/** `link:yes:<confirmation id>` / `link:no:<confirmation id>` (Discord allows 100 characters). */
export const linkButtonPattern = /^link:(yes|no):([0-9a-f-]{36})$/;

/** The confirm and cancel buttons under a link preview. */
export function linkPreviewButtons(
  t: Translate,
  confirmationId: string,
): APIActionRowComponent<APIButtonComponent>[] {
  const labels = linkButtonLabels(t);
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.Button,
          style: ButtonStyle.Primary,
          label: labels.confirm,
          custom_id: `link:yes:${confirmationId}`,
        },
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: labels.cancel,
          custom_id: `link:no:${confirmationId}`,
        },
      ],
    },
  ];
}
