import RestoreIcon from '@mui/icons-material/Restore';
import SaveIcon from '@mui/icons-material/Save';
import { Alert, Box, Button, Card, CardContent, Chip, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { Confirm, HttpError, useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { TandemDataProvider } from '../api/data-provider.ts';
import { errorMessage } from '../api/http.ts';
import { TextPreviewBox } from './TextPreviewBox.tsx';
import { languageNames, type TextRecord } from './text-record.ts';
import { usePreview } from './use-preview.ts';

/**
 * One language of a text: the wording to edit, its live preview, Save and "Reset to default". The
 * version of the edit the admin started from is kept: if someone else saves meanwhile, the API refuses
 * this save (409) rather than overwrite theirs, and a banner says so.
 */
export function LanguageEditor({
  record,
  language,
  readOnly,
  insertRequest,
}: {
  record: TextRecord;
  language: string;
  readOnly: boolean;
  /** A placeholder the admin clicked, to add where the cursor is. */
  insertRequest?: { name: string; language: string; at: number };
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<TandemDataProvider>();
  const text = record.translations[language];
  const [draft, setDraft] = useState(text?.current ?? '');
  const [openedVersion, setOpenedVersion] = useState(text?.version ?? 0);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [confirmReset, setConfirmReset] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const changed = draft !== text?.current;
  const preview = usePreview(record.id, language, draft);

  // A live update of this text: follow it while the admin has not typed anything of their own.
  const followed = useRef(text);
  useEffect(() => {
    if (!text || followed.current === text) return;
    const untouched = draft === followed.current?.current;
    followed.current = text;
    if (untouched) {
      setDraft(text.current);
      setOpenedVersion(text.version);
    }
  }, [text, draft]);

  // Each click on a placeholder inserts it once, where the cursor is.
  const handled = useRef(insertRequest);
  useEffect(() => {
    if (!insertRequest || handled.current === insertRequest) return;
    handled.current = insertRequest;
    if (insertRequest.language !== language) return;
    const element = input.current;
    setDraft((current) => {
      const at = element?.selectionStart ?? current.length;
      const end = element?.selectionEnd ?? at;
      return `${current.slice(0, at)}{${insertRequest.name}}${current.slice(end)}`;
    });
  }, [insertRequest, language]);

  if (!text) return null;
  const movedOn = text.version !== openedVersion;

  const save = async () => {
    setBusy(true);
    setFieldError(undefined);
    try {
      const saved = await dataProvider.saveText(record.id, {
        language,
        template: draft,
        version: openedVersion,
      });
      const now = saved.translations[language];
      followed.current = now;
      setOpenedVersion(now?.version ?? 0);
      notify('tandem.texts.saved', { type: 'success' });
      refresh();
    } catch (error) {
      const template = error instanceof HttpError ? error.body?.errors?.template : undefined;
      if (typeof template === 'string') setFieldError(template);
      else notify(errorMessage(error), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const reset = async () => {
    setConfirmReset(false);
    setBusy(true);
    try {
      const saved = await dataProvider.resetText(record.id, language, text.version);
      const now = saved.translations[language];
      followed.current = now;
      setDraft(now?.current ?? text.shipped);
      setOpenedVersion(0);
      setFieldError(undefined);
      notify('tandem.texts.resetDone', { type: 'success' });
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const refused = (preview.preview?.problems.length ?? 0) > 0;
  return (
    <Card variant="outlined" data-testid={`editor-${language}`}>
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1.5 }}>
          <Typography variant="subtitle1" sx={{ fontWeight: 700 }}>
            {languageNames[language] ?? language}
          </Typography>
          <Chip
            size="small"
            color={text.edited !== null ? 'primary' : 'default'}
            label={translate(text.edited !== null ? 'tandem.texts.edited' : 'tandem.texts.shipped')}
          />
        </Stack>
        {movedOn && changed ? (
          <Alert severity="warning" sx={{ mb: 2 }}>
            {translate('tandem.texts.changedElsewhere')}
          </Alert>
        ) : null}
        <TextField
          inputRef={input}
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            setFieldError(undefined);
          }}
          label={translate('tandem.texts.wording')}
          multiline
          minRows={2}
          fullWidth
          disabled={readOnly}
          error={fieldError !== undefined}
          helperText={fieldError}
          slotProps={{ htmlInput: { 'data-testid': `template-${language}`, spellCheck: true } }}
          sx={{ mb: 2, '& textarea': { fontFamily: 'monospace' } }}
        />
        <Box sx={{ mb: 2 }}>
          <TextPreviewBox preview={preview.preview} error={preview.error} pending={preview.pending} />
        </Box>
        {text.edited !== null ? (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2, whiteSpace: 'pre-wrap' }}>
            {translate('tandem.texts.shippedWording')}: <code>{text.shipped}</code>
          </Typography>
        ) : null}
        {readOnly ? null : (
          <Stack direction="row" spacing={1}>
            <Button
              variant="contained"
              startIcon={<SaveIcon />}
              onClick={save}
              disabled={busy || !changed || refused}
              data-testid={`save-${language}`}
            >
              {translate('ra.action.save')}
            </Button>
            <Button
              startIcon={<RestoreIcon />}
              onClick={() => setConfirmReset(true)}
              disabled={busy || text.edited === null}
              data-testid={`reset-${language}`}
            >
              {translate('tandem.texts.reset')}
            </Button>
          </Stack>
        )}
        <Confirm
          isOpen={confirmReset}
          title="tandem.texts.resetTitle"
          content="tandem.texts.resetConfirm"
          translateOptions={{ language: languageNames[language] ?? language }}
          onConfirm={reset}
          onClose={() => setConfirmReset(false)}
        />
      </CardContent>
    </Card>
  );
}
