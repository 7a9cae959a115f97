import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { authApi } from '../api';
import { ApiError } from '../api/client';
import { ruleInt, ruleKey } from '../common/rules';
import { todayIso } from '../format';
import { t } from '../i18n';
import { applyServerErrors } from '../common/formErrors';

interface Values {
  old_password: string;
  new_password: string;
  confirm: string;
}

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const min = ruleInt(ruleKey.passwordMinLength, todayIso(), 8);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await authApi.changePassword(v.old_password, v.new_password);
      message.success(t('auth.passwordChanged'));
      form.resetFields();
      onClose();
    } catch (e) {
      if (e instanceof ApiError && !applyServerErrors(form, e)) message.error(e.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('auth.changePassword')}
      okText={t('app.save')}
      cancelText={t('app.cancel')}
      confirmLoading={busy}
      onOk={submit}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="old_password" label={t('auth.oldPassword')} rules={[{ required: true, message: t('member.validation.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="new_password"
          label={t('auth.newPassword')}
          rules={[
            { required: true, message: t('member.validation.required') },
            { min, message: t('auth.passwordTooShort', { min }) },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('auth.confirmPassword')}
          dependencies={['new_password']}
          rules={[
            { required: true, message: t('member.validation.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('new_password') ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
