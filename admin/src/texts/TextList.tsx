import TranslateIcon from '@mui/icons-material/Translate';
import { Box, Chip, Typography } from '@mui/material';
import { useMemo } from 'react';
import {
  BooleanInput,
  DataTable,
  FilterButton,
  List,
  SearchInput,
  SelectInput,
  TopToolbar,
  useGetList,
  useTranslate,
} from 'react-admin';
import { EmptyState } from '../common/EmptyState.tsx';
import { useEditOrShow } from '../common/use-row-click.ts';
import { type LanguageText, languageNames, type TextRecord, textLanguages } from './text-record.ts';

/** The areas texts are grouped in (the part of the key before the first dot), for the filter. */
function useAreaChoices() {
  const { data } = useGetList<TextRecord>('texts', {
    pagination: { page: 1, perPage: 500 },
    sort: { field: 'id', order: 'ASC' },
  });
  return useMemo(
    () => [...new Set((data ?? []).map((t) => t.area))].map((area) => ({ id: area, name: area })),
    [data],
  );
}

/** One language's wording in a list cell, marked when it is the community's edit. */
export function Wording({ text }: { text: LanguageText | undefined }) {
  const translate = useTranslate();
  if (!text) return null;
  return (
    <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', flex: 1 }}>
        {text.current}
      </Typography>
      {text.edited !== null ? (
        <Chip
          size="small"
          color="primary"
          label={translate('tandem.texts.edited')}
          data-testid="edited-chip"
        />
      ) : null}
    </Box>
  );
}

/**
 * Every text the bots send, in each language the way players read it now. Keys start with their
 * area, so sorted by key the texts of one area stay together; the filter narrows to one area.
 */
export function TextList() {
  const translate = useTranslate();
  const rowClick = useEditOrShow();
  const areas = useAreaChoices();
  const filters = [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('tandem.texts.search')} />,
    <SelectInput key="area" source="area" choices={areas} alwaysOn />,
    <BooleanInput key="edited" source="edited" />,
  ];
  return (
    <List
      filters={filters}
      actions={
        <TopToolbar>
          <FilterButton />
        </TopToolbar>
      }
      sort={{ field: 'id', order: 'ASC' }}
      perPage={50}
      empty={
        <EmptyState icon={<TranslateIcon />} title={translate('tandem.texts.empty')}>
          {translate('tandem.texts.emptyHint')}
        </EmptyState>
      }
    >
      <DataTable rowClick={rowClick} bulkActionButtons={false}>
        <DataTable.Col source="area" />
        <DataTable.Col source="id" />
        {textLanguages.map((language) => (
          <DataTable.Col
            key={language}
            label={languageNames[language]}
            disableSort
            render={(record: TextRecord) => <Wording text={record.translations[language]} />}
          />
        ))}
      </DataTable>
    </List>
  );
}
