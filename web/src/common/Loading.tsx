import { Spin } from 'antd';
import { t } from '../i18n';

export function Loading({ tip = t('app.loading') }: { tip?: string }) {
  return (
    <div className="tcxd-loading" role="status" aria-live="polite">
      <Spin />
      <span>{tip}</span>
    </div>
  );
}
