import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useDataProvider, useNotify } from 'react-admin';
import type { TandemDataProvider } from '../api/data-provider.ts';
import { errorMessage } from '../api/http.ts';

export interface ActionOptions<Input, Result = unknown> {
  /** What to call on the data provider. */
  run(dataProvider: TandemDataProvider, input: Input): Promise<Result>;
  /** The notification after success. */
  success: string | ((input: Input, result: Result) => string);
  /** Resources whose queries to refetch after success (live updates would too, a moment later). */
  refresh: string[];
  onSuccess?(): void;
  /** Set when the caller shows errors itself (e.g. inside its dialog). @defaultValue false */
  quietErrors?: boolean;
}

/**
 * One of Tandem's action buttons (approve, retry, adjust...): calls the API, says what happened, and
 * refetches the affected pages. Errors show the API's message (e.g. "already decided", a 403 for an
 * operator), never a generic failure.
 */
export function useAction<Input = void, Result = unknown>(options: ActionOptions<Input, Result>) {
  const dataProvider = useDataProvider<TandemDataProvider>();
  const notify = useNotify();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Input) => options.run(dataProvider, input),
    onSuccess: async (result, input) => {
      notify(typeof options.success === 'function' ? options.success(input, result) : options.success, {
        type: 'success',
        multiLine: true,
      });
      options.onSuccess?.();
      await Promise.all([
        ...options.refresh.map((resource) => queryClient.invalidateQueries({ queryKey: [resource] })),
        queryClient.invalidateQueries({ queryKey: ['dashboard'] }),
      ]);
    },
    onError: (error) => {
      if (!options.quietErrors) notify(errorMessage(error), { type: 'error', multiLine: true });
    },
  });
}
