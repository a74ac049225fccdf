import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useCheckAuth } from 'react-admin';
import { io } from 'socket.io-client';
import { expireSession } from '../auth/auth-provider.ts';
import { affectedQueries, type ChangesMessage, dashboardQueryKey } from './affected-queries.ts';
import { setLiveStatus } from './live-status.ts';

/** After a refused handshake (session gone or API restarting), try again this often. */
const retryRefusedMs = 10_000;
/** After a refusal for too many connections or messages: long enough for other tabs to close. */
const retryLimitedMs = 60_000;

/**
 * Keeps every open page current: listens to the API's `changes` messages over socket.io and marks
 * the affected react-admin queries stale, so visible lists, records and the dashboard refetch at once
 * and hidden ones on their next view. After a lost connection everything is refetched, since changes
 * made meanwhile were not heard. Mounted once, inside the signed-in layout.
 */
export function LiveUpdates() {
  const queryClient = useQueryClient();
  const checkAuth = useCheckAuth();
  // Held in a ref: a new checkAuth function must not reopen the socket.
  const checkAuthRef = useRef(checkAuth);
  checkAuthRef.current = checkAuth;

  useEffect(() => {
    // The API closes the socket when the session ends (signed out elsewhere, password changed on
    // another device): ask again, and react-admin shows the sign-in page if the session is gone.
    const recheckSession = () => {
      expireSession();
      checkAuthRef.current().catch(() => {});
    };
    const socket = io({ path: '/socket.io', withCredentials: true });
    let wasConnected = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let limitedByServer = false;

    socket.on('connect', () => {
      setLiveStatus('live');
      if (wasConnected) void queryClient.invalidateQueries();
      wasConnected = true;
    });
    socket.on('disconnect', (reason) => {
      if (limitedByServer) return;
      setLiveStatus('reconnecting');
      // A server-side disconnect is not retried by socket.io itself.
      if (reason === 'io server disconnect') {
        recheckSession();
        socket.connect();
      }
    });
    socket.on('connect_error', (error) => {
      if (socket.active) {
        setLiveStatus(wasConnected ? 'reconnecting' : 'connecting');
        return;
      }
      // The handshake was refused (no session, or a limit): socket.io will not retry on its own.
      const limited = error.message === 'too_many_connections';
      setLiveStatus(limited ? 'limited' : error.message === 'unauthorized' ? 'refused' : 'reconnecting');
      if (error.message === 'unauthorized') recheckSession();
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => socket.connect(), limited ? retryLimitedMs : retryRefusedMs);
    });
    // Closed by the API for sending too much: the 'disconnect' that follows must not reconnect at once.
    socket.on('refused', () => {
      limitedByServer = true;
      setLiveStatus('limited');
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => {
        limitedByServer = false;
        socket.connect();
      }, retryLimitedMs);
    });
    socket.on('changes', (message: ChangesMessage) => {
      const { resources, dashboard } = affectedQueries(message?.changes ?? []);
      for (const resource of resources) void queryClient.invalidateQueries({ queryKey: [resource] });
      if (dashboard) void queryClient.invalidateQueries({ queryKey: dashboardQueryKey });
    });

    return () => {
      clearTimeout(retryTimer);
      socket.removeAllListeners();
      socket.disconnect();
      setLiveStatus('connecting');
    };
  }, [queryClient]);

  return null;
}
