import { onlineManager, useMutationState } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useNavigation } from 'react-router';

/** Whether the browser says it is online; follows it as it changes. */
export function useOnline(): boolean {
  return useSyncExternalStore(
    (onChange) => onlineManager.subscribe(onChange),
    () => onlineManager.isOnline(),
    () => true,
  );
}

/**
 * Offline, people are told so, and told what happens to what they send: changes wait (TanStack
 * Query holds a change made offline and sends it when the connection is back, see
 * lib/query-client.ts), so the page must stay open. Changes that could not be sent for another
 * reason say so on their own form (lib/api-client.ts). Decision 0021.
 */
export function OfflineBanner() {
  const online = useOnline();
  const waiting = useMutationState({ filters: { predicate: (m) => m.state.isPaused } }).length;
  if (online && waiting === 0) return null;
  return (
    <section
      className="govuk-notification-banner"
      aria-labelledby="offline-banner-title"
      data-module="govuk-notification-banner"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="offline-banner-title">
          {online ? 'Sending' : 'You are offline'}
        </h2>
      </div>
      <div className="govuk-notification-banner__content" role="status">
        {online ? (
          <p className="govuk-notification-banner__heading">
            Your connection is back. Sending your changes now.
          </p>
        ) : (
          <>
            <p className="govuk-notification-banner__heading">
              {waiting > 0
                ? 'Your changes have not been sent yet. They will be sent when your connection is back.'
                : 'Your internet connection has stopped.'}
            </p>
            <p className="govuk-body">
              You can keep reading this page. Anything you save or send will be sent when your connection is
              back. Keep this page open until it is.
            </p>
          </>
        )}
      </div>
    </section>
  );
}

/**
 * While the next page loads (its code or its data), a message says so, after a short wait so that
 * fast pages do not flash it. Screen readers hear it once.
 */
export function PageLoading() {
  const navigation = useNavigation();
  const loading = navigation.state === 'loading';
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!loading) {
      setShown(false);
      return;
    }
    const timer = setTimeout(() => setShown(true), 400);
    return () => clearTimeout(timer);
  }, [loading]);
  return (
    <p className="govuk-body app-page-loading" role="status">
      {shown ? 'Loading the page…' : ''}
    </p>
  );
}
