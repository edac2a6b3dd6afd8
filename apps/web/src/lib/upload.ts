import type { z } from 'zod';
import { ApiError, csrfToken } from './api-client';

/**
 * Uploads one file as a form (its text fields first, then "file"), reporting progress, the way
 * every upload is sent (bid documents, report evidence). Resolves with the 201 answer, checked by
 * `schema`; rejects with an ApiError carrying the API's message and fields.
 */
export async function uploadFile<S extends z.ZodType>(
  url: string,
  fields: Record<string, string>,
  file: File,
  onProgress: (percent: number) => void,
  schema: S,
): Promise<z.output<S>> {
  const token = await csrfToken();
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', file);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('x-csrf-token', token);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () =>
      reject(new ApiError(0, 'network_error', 'The upload failed. Check your connection and try again.'));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: handled below
      }
      if (xhr.status === 201) {
        resolve(schema.parse(data));
        return;
      }
      const envelope = data as {
        error?: { code?: string; message?: string; fields?: Record<string, string> };
      } | null;
      reject(
        new ApiError(
          xhr.status,
          envelope?.error?.code ?? 'internal_error',
          envelope?.error?.message ?? 'The upload failed. Try again.',
          envelope?.error?.fields ?? {},
        ),
      );
    };
    xhr.send(form);
  });
}
