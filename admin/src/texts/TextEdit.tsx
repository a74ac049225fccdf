import { Box, Card, CardContent, Typography } from '@mui/material';
import { useState } from 'react';
import { Show, useCanAccess, useRecordContext, useTranslate } from 'react-admin';
import { LanguageEditor } from './LanguageEditor.tsx';
import { PlaceholderList } from './PlaceholderList.tsx';
import { type TextRecord, textLanguages } from './text-record.ts';

function TextTitle() {
  const translate = useTranslate();
  const record = useRecordContext<TextRecord>();
  return (
    <span>
      {translate('resources.texts.name', { smart_count: 1 })}
      {record ? ` · ${record.id}` : ''}
    </span>
  );
}

function TextEditors() {
  const translate = useTranslate();
  const record = useRecordContext<TextRecord>();
  const { canAccess } = useCanAccess({ resource: 'texts', action: 'edit' });
  const [insert, setInsert] = useState<{ name: string; language: string; at: number }>();
  const [focused, setFocused] = useState<string>(textLanguages[0]);
  if (!record) return null;
  return (
    <Box sx={{ p: 2, display: 'grid', gap: 2 }}>
      <Card variant="outlined">
        <CardContent>
          <Typography variant="subtitle2" sx={{ mb: 1 }}>
            {translate('tandem.texts.placeholders')}
          </Typography>
          <PlaceholderList
            placeholders={record.placeholders}
            onPick={canAccess ? (name) => setInsert({ name, language: focused, at: Date.now() }) : undefined}
          />
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
            {translate('tandem.texts.syntaxHint')}
          </Typography>
        </CardContent>
      </Card>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
        {textLanguages.map((language) => (
          <Box key={language} onFocusCapture={() => setFocused(language)}>
            <LanguageEditor
              record={record}
              language={language}
              readOnly={!canAccess}
              insertRequest={insert}
            />
          </Box>
        ))}
      </Box>
    </Box>
  );
}

/**
 * One text in every language: the placeholders it can use, and per language an editor with a live
 * preview, Save and "Reset to default". Operators see the same page read-only.
 */
export function TextEdit() {
  return (
    <Show title={<TextTitle />} actions={false}>
      <TextEditors />
    </Show>
  );
}
