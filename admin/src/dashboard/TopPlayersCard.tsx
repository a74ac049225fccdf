import {
  Avatar,
  Card,
  CardHeader,
  List,
  ListItemAvatar,
  ListItemButton,
  ListItemText,
  Typography,
} from '@mui/material';
import { useTranslate } from 'react-admin';
import { Link } from 'react-router';
import { formatNumber, RankChip } from '../common/amounts.tsx';
import { type TopPlayer, topPlayerId } from './dashboard-data.ts';

const medals = ['#f59f00', '#adb5bd', '#d9480f'];

/** The leaderboard, as players see it with /top. */
export function TopPlayersCard({ players }: { players: TopPlayer[] }) {
  const translate = useTranslate();
  return (
    <Card sx={{ height: '100%' }}>
      <CardHeader
        title={translate('tandem.dashboard.topPlayers')}
        subheader={translate('tandem.dashboard.byXp')}
        slotProps={{ title: { variant: 'h6' } }}
      />
      {players.length === 0 ? (
        <Typography color="text.secondary" sx={{ px: 2, pb: 2 }}>
          {translate('tandem.dashboard.nobodyYet')}
        </Typography>
      ) : (
        <List dense sx={{ pt: 0 }}>
          {players.map((player, index) => {
            const id = topPlayerId(player);
            const position = player.position ?? index + 1;
            return (
              <ListItemButton key={id ?? index} component={Link} to={id ? `/players/${id}/show` : '/players'}>
                <ListItemAvatar sx={{ minWidth: 44 }}>
                  <Avatar
                    sx={{
                      width: 28,
                      height: 28,
                      fontSize: 13,
                      fontWeight: 700,
                      bgcolor: medals[position - 1] ?? 'action.selected',
                      color: position <= 3 ? '#fff' : 'text.primary',
                    }}
                  >
                    {position}
                  </Avatar>
                </ListItemAvatar>
                <ListItemText primary={player.displayName} secondary={`${formatNumber(player.xp)} XP`} />
                <RankChip name={player.rankName} />
              </ListItemButton>
            );
          })}
        </List>
      )}
    </Card>
  );
}
