import { AnonymiseResult, type RetentionBody, RetentionSetting } from '@cf/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

// Personal data: the retention period and anonymising (decision 0026).
export const privacyKeys = {
  all: ['privacy'] as const,
  retention: () => [...privacyKeys.all, 'retention'] as const,
};

/** How long closed grants keep personal data: public, for the privacy notice. */
export const retentionQueryOptions = () =>
  queryOptions({
    queryKey: privacyKeys.retention(),
    queryFn: ({ signal }) => api('/api/privacy/retention', { schema: RetentionSetting, signal }),
  });

export function useSetRetention() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RetentionBody) =>
      api('/api/admin/retention', { method: 'PUT', body, schema: RetentionSetting }),
    onSuccess: (setting) => {
      queryClient.setQueryData(privacyKeys.retention(), setting);
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

export function useAnonymiseNow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api('/api/admin/retention/run', { method: 'POST', schema: AnonymiseResult }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['audit'] }),
  });
}

/** The signed-in person's data, as a file: the API sends it as an attachment. */
export const MY_DATA_URL = '/api/me/data';
