import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiError } from '../api/client';
import { t } from '../i18n';
import { useAuth } from './AuthContext';

interface Values {
  login: string;
  password: string;
}

/** Sends the user back where the session ended, but only to a path of this app. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export default function LoginPage() {
  const { user, notice, login } = useAuth();
  const location = useLocation();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();

  if (user) return <Navigate to={safeNext(new URLSearchParams(location.search).get('next'))} replace />;

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await login(v.login.trim(), v.password);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'network', t('app.unexpected')));
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="tcxd-login">
      <Card className="tcxd-login-card">
        <div className="tcxd-login-brand">
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.title')}</Typography.Text>
          </div>
        </div>
        <Typography.Title level={4}>{t('auth.loginTitle')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('auth.loginSubtitle')}</Typography.Paragraph>
        {notice && !error && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} />}
        {error && (
          <Alert
            data-testid="login-error"
            type={error.status === 429 ? 'warning' : 'error'}
            showIcon
            title={error.status === 429 ? t('auth.throttled') : error.message}
            description={error.status === 429 ? error.message : undefined}
            style={{ marginBottom: 16 }}
            role="alert"
          />
        )}
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={busy}>
          <Form.Item name="login" label={t('auth.login')} rules={[{ required: true, whitespace: true, message: t('auth.loginRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {t('auth.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
