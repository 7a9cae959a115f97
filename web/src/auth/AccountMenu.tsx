import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { t, tDynamic } from '../i18n';
import { useAuth, useUser } from './AuthContext';
import { ChangePasswordModal } from './ChangePasswordModal';

export function AccountMenu() {
  const user = useUser();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [pwOpen, setPwOpen] = useState(false);

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'who', label: `${user.login} · ${tDynamic(`auth.roles.${user.role}`, user.role)}`, disabled: true },
            { type: 'divider' },
            { key: 'password', icon: <KeyOutlined />, label: t('auth.changePassword') },
            { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout'), danger: true },
          ],
          onClick: async ({ key }) => {
            if (key === 'password') setPwOpen(true);
            if (key === 'logout') {
              await logout();
              message.info(t('auth.loggedOut'));
              navigate('/login', { replace: true });
            }
          },
        }}
      >
        <Button type="text" className="tcxd-account" aria-label={t('auth.account')} data-testid="account-menu">
          <Space>
            <UserOutlined />
            <span className="tcxd-account-name">{user.display_name || user.login}</span>
            <DownOutlined />
          </Space>
        </Button>
      </Dropdown>
      <ChangePasswordModal open={pwOpen} onClose={() => setPwOpen(false)} />
    </>
  );
}
