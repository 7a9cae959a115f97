import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRoutes } from './App';
import { AuthProvider } from './auth/AuthContext';
import { t } from './i18n';
import './styles.css';

dayjs.locale('vi');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider
      locale={viVN}
      theme={{
        token: {
          colorPrimary: '#c8102e',
          borderRadius: 6,
          fontFamily: "'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif",
        },
      }}
    >
      <AntApp>
        <AuthProvider expiredNotice={t('auth.sessionExpired')}>
          <AppRoutes />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
