import { Box, CircularProgress } from '@mui/material';
import { lazy, Suspense } from 'react';

const Dashboard = lazy(() => import('./Dashboard.tsx'));

/** The dashboard loads as its own chunk, so signing in and the lists do not wait for it. */
export function LazyDashboard() {
  return (
    <Suspense
      fallback={
        <Box sx={{ display: 'grid', placeItems: 'center', height: 320 }}>
          <CircularProgress />
        </Box>
      }
    >
      <Dashboard />
    </Suspense>
  );
}
