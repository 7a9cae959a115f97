import { Button, Result } from 'antd';
import { ApiError } from '../api/client';
import { t } from '../i18n';

/** Shows a failed load: the server's Vietnamese message, 404 as "not found", and a retry button. */
export function ErrorState({ error, notFoundText, onRetry }: { error: unknown; notFoundText?: string; onRetry?: () => void }) {
  const status = error instanceof ApiError ? error.status : 0;
  const message = error instanceof ApiError ? error.message : t('app.unexpected');
  if (status === 404) {
    return <Result status="404" title={notFoundText ?? t('app.notFound')} data-testid="not-found" />;
  }
  return (
    <Result
      status={status === 403 ? '403' : 'error'}
      title={message}
      extra={onRetry ? <Button onClick={onRetry}>{t('app.retry')}</Button> : undefined}
    />
  );
}
