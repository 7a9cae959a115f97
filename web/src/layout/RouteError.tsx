import { Button, Result } from 'antd';
import { useRouteError } from 'react-router';
import { t } from '../i18n';

/** Shown instead of a screen that failed to render (a bug): a Vietnamese message and a reload button. */
export function RouteError() {
  const error = useRouteError();
  console.error('tcxd: screen failed', error);
  return (
    <Result
      status="error"
      title={t('app.unexpected')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('app.retry')}
        </Button>
      }
    />
  );
}
