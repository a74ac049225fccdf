import { useEffect, useState } from 'react';
import { useDataProvider } from 'react-admin';
import type { TandemDataProvider } from '../api/data-provider.ts';
import { errorMessage } from '../api/http.ts';
import type { TextPreview } from './text-record.ts';

/** How long typing pauses before the draft is previewed: one request per pause, not per key. */
const pauseMs = 250;

/**
 * The preview of a draft as the admin types: the API writes it with sample values or says why it
 * would be refused. An answer for an older draft is dropped when a newer one was asked for.
 */
export function usePreview(key: string, language: string, template: string) {
  const dataProvider = useDataProvider<TandemDataProvider>();
  const [state, setState] = useState<{ for: string; preview?: TextPreview; error?: string }>({ for: '' });
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      dataProvider
        .previewText(key, { language, template })
        .then((preview) => current && setState({ for: template, preview }))
        .catch((error: unknown) => current && setState({ for: template, error: errorMessage(error) }));
    }, pauseMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [dataProvider, key, language, template]);
  return { ...state, pending: state.for !== template };
}
