import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { t } from '../i18n';

export function NotFound() {
  return (
    <Result
      status="404"
      title={t('app.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('app.backHome')}</Button>
        </Link>
      }
    />
  );
}
