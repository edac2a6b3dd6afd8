import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-client';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // 4xx answers will not change by asking again.
      retry: (failureCount, error) =>
        !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
      refetchOnWindowFocus: false,
    },
    mutations: {
      // Offline, a change waits and is sent when the browser is online again (the layout's banner
      // says so), rather than failing at once; one that fails on the way says it was not sent
      // (lib/api-client.ts). Decision 0021.
      networkMode: 'online',
    },
  },
});
