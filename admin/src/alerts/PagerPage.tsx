import { Alert, Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { errorMessage, fetchApi, postJson } from '../api/http.ts';
import { useFormatDateTime } from '../common/dates.tsx';

export const pagerPath = '/pager';

type Platform = 'telegram' | 'discord';
interface PagerTargets {
  targets: Array<{ platform: Platform; since: string }>;
}

const platforms: Platform[] = ['telegram', 'discord'];

/**
 * The signed-in admin's own pages: where Tandem's alerts reach them, a one-time code to sign up on a
 * bot (sent as `/pager CODE` in a private chat), and stopping a platform.
 */
export function PagerPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const format = useFormatDateTime();
  const queryClient = useQueryClient();
  const [code, setCode] = useState<{ code: string; expiresAt: string } | null>(null);
  const { data } = useQuery({
    // Under the incidents' resource: an announced change refetches it too.
    queryKey: ['alert_incidents', 'pager'],
    queryFn: async () => (await fetchApi('/pager')).json as PagerTargets,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['alert_incidents', 'pager'] });
  const takeCode = async () => {
    try {
      setCode(await postJson('/pager/code'));
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
    }
  };
  const stop = async (platform: Platform) => {
    try {
      await fetchApi(`/pager/${platform}`, { method: 'DELETE' });
      await refresh();
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
    }
  };
  return (
    <Box sx={{ maxWidth: 720, mt: 2 }}>
      <Title title="tandem.pager.title" />
      <Card>
        <CardContent>
          <Typography variant="h6" gutterBottom>
            {translate('tandem.pager.title')}
          </Typography>
          <Typography variant="body2" sx={{ mb: 2 }}>
            {translate('tandem.pager.about')}
          </Typography>
          <Stack spacing={1} sx={{ mb: 2 }}>
            {platforms.map((platform) => {
              const target = data?.targets.find((t) => t.platform === platform);
              return (
                <Stack key={platform} direction="row" spacing={2} sx={{ alignItems: 'center' }}>
                  <Typography sx={{ minWidth: 100, fontWeight: 600 }}>
                    {translate(`tandem.pager.platform.${platform}`)}
                  </Typography>
                  <Typography variant="body2" sx={{ flex: 1 }} data-testid={`pager-${platform}`}>
                    {target
                      ? translate('tandem.pager.on', { since: format(target.since) })
                      : translate('tandem.pager.off')}
                  </Typography>
                  {target && (
                    <Button size="small" onClick={() => stop(platform)}>
                      {translate('tandem.pager.stop')}
                    </Button>
                  )}
                </Stack>
              );
            })}
          </Stack>
          <Button variant="contained" onClick={takeCode}>
            {translate('tandem.pager.takeCode')}
          </Button>
          {code && (
            <Alert severity="info" sx={{ mt: 2 }} onClose={() => void refresh().then(() => setCode(null))}>
              {translate('tandem.pager.sendCode', { code: code.code, expires: format(code.expiresAt) })}
              <Typography component="div" sx={{ fontFamily: 'monospace', fontSize: 20, mt: 1 }}>
                /pager {code.code}
              </Typography>
            </Alert>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
