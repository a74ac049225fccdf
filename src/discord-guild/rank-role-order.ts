import { compareRolesHighestFirst } from './guild-directory.ts';

/** A rank's role, as the placement sees it. */
export interface RankRoleSlot {
  roleId: string;
  /** Moved by this run (created or adopted); the others stay where the admin put them. */
  place: boolean;
}

/**
 * Where the roles a run made go: each just below the role of the nearest higher rank (when that
 * one sits below Tandem's role), else just below Tandem's own top role, so higher ranks end above
 * lower ones and every one stays assignable. Answers only the roles whose position changes, with
 * positions renumbered 1..n above @everyone as Discord keeps them.
 */
export function placeRankRoles(input: {
  /** Every role of the server but @everyone. */
  roles: ReadonlyArray<{ id: string; position: number }>;
  botTopRoleId: string;
  /** The ranks' roles, highest priority first. */
  ranks: readonly RankRoleSlot[];
}): Array<{ id: string; position: number }> {
  const moving = new Set(input.ranks.filter((rank) => rank.place).map((rank) => rank.roleId));
  const order = [...input.roles].sort(compareRolesHighestFirst).map((role) => role.id);
  const botIndex = order.indexOf(input.botTopRoleId);
  if (botIndex < 0) throw new Error(`Tandem's top role ${input.botTopRoleId} is not among the roles`);
  const staying = order.filter((id) => !moving.has(id));
  let anchor = input.botTopRoleId;
  for (const rank of input.ranks) {
    if (rank.place) {
      staying.splice(staying.indexOf(anchor) + 1, 0, rank.roleId);
      anchor = rank.roleId;
    } else if (staying.indexOf(rank.roleId) > staying.indexOf(input.botTopRoleId)) {
      anchor = rank.roleId;
    }
  }
  const current = new Map(input.roles.map((role) => [role.id, role.position]));
  return staying
    .map((id, index) => ({ id, position: staying.length - index }))
    .filter(({ id, position }) => current.get(id) !== position);
}
