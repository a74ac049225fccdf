import { useTheme } from '@mui/material/styles';
import { useTranslate } from 'react-admin';
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EventsMinute } from './dashboard-data.ts';

const timeOfDay = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/** Sync events completed and failed per minute over the last hour (recharts: loaded with this chunk). */
export default function EventsChart({ points }: { points: EventsMinute[] }) {
  const translate = useTranslate();
  const theme = useTheme();
  const data = points.map((point) => ({
    time: timeOfDay.format(new Date(point.minute)),
    completed: point.completed,
    failed: point.failed ?? 0,
  }));
  const axis = { fontSize: 12, fill: theme.palette.text.secondary };
  return (
    <ResponsiveContainer width="100%" height={260}>
      <AreaChart data={data} margin={{ top: 8, right: 16, left: -8, bottom: 0 }}>
        <defs>
          <linearGradient id="tandem-completed" x1="0" y1="0" x2="0" y2="1">
            <stop offset="0%" stopColor={theme.palette.primary.main} stopOpacity={0.35} />
            <stop offset="100%" stopColor={theme.palette.primary.main} stopOpacity={0} />
          </linearGradient>
        </defs>
        <CartesianGrid vertical={false} stroke={theme.palette.divider} />
        <XAxis dataKey="time" tick={axis} tickLine={false} axisLine={false} minTickGap={24} />
        <YAxis tick={axis} tickLine={false} axisLine={false} allowDecimals={false} width={48} />
        <Tooltip
          contentStyle={{
            background: theme.palette.background.paper,
            border: `1px solid ${theme.palette.divider}`,
            borderRadius: 8,
          }}
        />
        <Legend iconType="circle" wrapperStyle={{ fontSize: 12 }} />
        <Area
          type="monotone"
          dataKey="completed"
          name={translate('tandem.status.completed')}
          stroke={theme.palette.primary.main}
          strokeWidth={2}
          fill="url(#tandem-completed)"
          isAnimationActive={false}
        />
        <Area
          type="monotone"
          dataKey="failed"
          name={translate('tandem.status.failed')}
          stroke={theme.palette.error.main}
          strokeWidth={2}
          fill={theme.palette.error.main}
          fillOpacity={0.08}
          isAnimationActive={false}
        />
      </AreaChart>
    </ResponsiveContainer>
  );
}
