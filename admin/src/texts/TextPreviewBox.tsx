import { Alert, Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { TextPreview } from './text-record.ts';

/** What players would read, with each plural form, or every reason the draft would be refused. */
export function TextPreviewBox({
  preview,
  error,
  pending,
}: {
  preview?: TextPreview;
  error?: string;
  pending: boolean;
}) {
  const translate = useTranslate();
  if (error) return <Alert severity="warning">{translate(error, { _: error })}</Alert>;
  if (!preview) return null;
  if (preview.problems.length > 0) {
    return (
      <Alert severity="error" data-testid="preview-problems" sx={{ opacity: pending ? 0.6 : 1 }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {translate('tandem.texts.refused')}
        </Typography>
        <Box component="ul" sx={{ m: 0, pl: 2 }}>
          {preview.problems.map((problem, index) => {
            // Said in the panel's language when it has words for this problem, else as the API said it.
            const coded = preview.problemCodes?.[index];
            const text = coded
              ? translate(`tandem.texts.problem.${coded.code}`, { ...coded.params, _: problem })
              : problem;
            return <li key={problem}>{text}</li>;
          })}
        </Box>
      </Alert>
    );
  }
  return (
    <Alert severity="success" icon={false} data-testid="preview" sx={{ opacity: pending ? 0.6 : 1 }}>
      <Typography variant="caption" color="text.secondary">
        {translate('tandem.texts.previewTitle')}
      </Typography>
      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }} data-testid="preview-text">
        {preview.text}
      </Typography>
      {preview.examples.length > 0 ? (
        <Box component="ul" sx={{ m: 0, mt: 1, pl: 2 }} data-testid="preview-examples">
          {preview.examples.map((example) => (
            <Typography component="li" variant="body2" key={example.count}>
              {example.text}
            </Typography>
          ))}
        </Box>
      ) : null}
    </Alert>
  );
}
