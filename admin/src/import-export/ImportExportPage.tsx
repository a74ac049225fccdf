import DownloadIcon from '@mui/icons-material/Download';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  CircularProgress,
  Typography,
} from '@mui/material';
import { type ChangeEvent, useRef, useState } from 'react';
import { Title, useAuthenticated, useCanAccess, useTranslate } from 'react-admin';
import { errorMessage } from '../api/http.ts';
import { type HintedOption, HintedRadioGroup } from './HintedRadioGroup.tsx';
import { ImportReportView } from './ImportReportView.tsx';
import {
  exportFormats,
  exportUrl,
  type ImportAnswer,
  type ImportFormat,
  type ImportMode,
  importXpFile,
  maxImportFileBytes,
} from './xp-transfer-api.ts';

interface ChosenFile {
  name: string;
  text: string;
}

const formatOptions: ReadonlyArray<HintedOption<ImportFormat>> = [
  { value: 'mee6', name: 'tandem.importExport.format.mee6', hint: 'tandem.importExport.format.mee6Hint' },
  { value: 'csv', name: 'tandem.importExport.format.csv', hint: 'tandem.importExport.format.csvHint' },
  {
    value: 'tandem',
    name: 'tandem.importExport.format.tandem',
    hint: 'tandem.importExport.format.tandemHint',
  },
];

const modeOptions: ReadonlyArray<HintedOption<ImportMode>> = [
  { value: 'add', name: 'tandem.importExport.mode.add', hint: 'tandem.importExport.mode.addHint' },
  {
    value: 'replace',
    name: 'tandem.importExport.mode.replace',
    hint: 'tandem.importExport.mode.replaceHint',
  },
];

/** Which files a format's picker offers. */
const accepted: Record<ImportFormat, string> = {
  mee6: '.json,application/json',
  csv: '.csv,text/csv,text/plain',
  tandem: '.json,application/json',
};

/** The import and export of players' XP and coins: the panel's side of `npm run import-xp`/`export-xp`. */
export function ImportExportPage() {
  useAuthenticated();
  const translate = useTranslate();
  return (
    <Box sx={{ py: 2, display: 'grid', gap: 2, maxWidth: 1100 }}>
      <Title title="tandem.importExport.title" />
      <ImportCard />
      <Card>
        <CardHeader title={translate('tandem.importExport.export.title')} />
        <CardContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {translate('tandem.importExport.export.hint')}
          </Typography>
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            {exportFormats.map((format) => (
              <Button
                key={format}
                variant="outlined"
                startIcon={<DownloadIcon />}
                href={exportUrl(format)}
                download
              >
                {translate(`tandem.importExport.export.${format}`)}
              </Button>
            ))}
          </Box>
        </CardContent>
      </Card>
    </Box>
  );
}

function ImportCard() {
  const translate = useTranslate();
  const { canAccess, isPending } = useCanAccess({ resource: 'players', action: 'adjust' });
  const [format, setFormat] = useState<ImportFormat>('mee6');
  const [mode, setMode] = useState<ImportMode>('add');
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [preview, setPreview] = useState<ImportAnswer | null>(null);
  const [result, setResult] = useState<ImportAnswer | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<'preview' | 'import' | null>(null);
  // Only the answer to the latest request is shown: a change of format or file outdates the others.
  const latest = useRef(0);
  const input = useRef<HTMLInputElement>(null);

  const run = async (
    dryRun: boolean,
    chosen: { format: ImportFormat; mode: ImportMode; file: ChosenFile },
  ) => {
    const request = ++latest.current;
    setBusy(dryRun ? 'preview' : 'import');
    setFailure(null);
    if (dryRun) setPreview(null);
    try {
      const answer = await importXpFile({
        format: chosen.format,
        mode: chosen.mode,
        fileName: chosen.file.name,
        text: chosen.file.text,
        dryRun,
      });
      if (request !== latest.current) return;
      if (dryRun) setPreview(answer);
      else {
        setResult(answer);
        setPreview(null);
      }
    } catch (error) {
      if (request !== latest.current) return;
      const message = errorMessage(error);
      setFailure(
        translate('tandem.importExport.refusedFile', { reason: translate(message, { _: message }) }),
      );
    } finally {
      if (request === latest.current) setBusy(null);
    }
  };

  const restart = () => {
    latest.current++;
    setFile(null);
    setPreview(null);
    setResult(null);
    setFailure(null);
    setBusy(null);
    if (input.current) input.current.value = '';
  };

  const choose = (next: { format?: ImportFormat; mode?: ImportMode }) => {
    const chosen = { format: next.format ?? format, mode: next.mode ?? mode };
    setFormat(chosen.format);
    setMode(chosen.mode);
    setResult(null);
    if (file) void run(true, { ...chosen, file });
  };

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const picked = event.target.files?.[0];
    setResult(null);
    setPreview(null);
    if (!picked) return;
    if (picked.size > maxImportFileBytes) {
      latest.current++;
      setFile(null);
      setFailure(
        translate('tandem.importExport.tooLarge', {
          size: (picked.size / 1024 / 1024).toFixed(1),
          max: maxImportFileBytes / 1024 / 1024,
        }),
      );
      return;
    }
    const chosen = { name: picked.name, text: await picked.text() };
    setFile(chosen);
    void run(true, { format, mode, file: chosen });
  };

  if (isPending) return null;
  return (
    <Card>
      <CardHeader
        title={translate('tandem.importExport.import.title')}
        subheader={translate('tandem.importExport.import.subtitle')}
      />
      <CardContent>
        {!canAccess ? (
          <Alert severity="info">{translate('tandem.importExport.import.adminsOnly')}</Alert>
        ) : (
          <Box sx={{ display: 'grid', gap: 2 }}>
            <HintedRadioGroup
              label="tandem.importExport.format.label"
              options={formatOptions}
              value={format}
              onChange={(value) => choose({ format: value })}
              disabled={busy === 'import'}
            />
            <HintedRadioGroup
              label="tandem.importExport.mode.label"
              options={modeOptions}
              value={mode}
              onChange={(value) => choose({ mode: value })}
              disabled={busy === 'import'}
            />
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
              <Button
                variant="outlined"
                component="label"
                startIcon={<UploadFileIcon />}
                disabled={busy === 'import'}
              >
                {translate('tandem.importExport.chooseFile')}
                <input
                  ref={input}
                  hidden
                  type="file"
                  accept={accepted[format]}
                  onChange={pick}
                  data-testid="import-file"
                />
              </Button>
              <Typography variant="body2" color="text.secondary">
                {file ? file.name : translate('tandem.importExport.noFile')}
              </Typography>
              {busy ? <CircularProgress size={20} /> : null}
            </Box>
            <Typography variant="body2" color="text.secondary">
              {translate('tandem.importExport.onceOnly')}
            </Typography>
            {failure ? (
              <Alert severity="error" data-testid="import-failure">
                {failure}
              </Alert>
            ) : null}
            {preview && file ? (
              <Box>
                <Typography variant="h6">{translate('tandem.importExport.previewTitle')}</Typography>
                <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                  {translate('tandem.importExport.previewHint')}
                </Typography>
                <ImportReportView report={preview} />
                <Box sx={{ display: 'flex', gap: 1, mt: 2 }}>
                  <Button
                    variant="contained"
                    disabled={busy !== null || preview.counts.imported === 0}
                    onClick={() => void run(false, { format, mode, file })}
                  >
                    {translate('tandem.importExport.confirm', { smart_count: preview.counts.imported })}
                  </Button>
                  <Button onClick={restart} disabled={busy === 'import'}>
                    {translate('tandem.importExport.cancel')}
                  </Button>
                </Box>
              </Box>
            ) : null}
            {result ? (
              <Box>
                <Alert
                  severity={result.counts.refused > 0 ? 'warning' : 'success'}
                  sx={{ mb: 1 }}
                  data-testid="import-done"
                >
                  {translate('tandem.importExport.done', {
                    smart_count: result.counts.imported,
                    refused: result.counts.refused,
                  })}
                </Alert>
                <ImportReportView report={result} />
                <Button sx={{ mt: 2 }} onClick={restart}>
                  {translate('tandem.importExport.another')}
                </Button>
              </Box>
            ) : null}
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
