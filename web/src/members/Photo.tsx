// The member's photo in a 3 × 4 box on the member page; who may edit the member uploads a JPEG or PNG
// (checked here with the server's limits, and again by the server, whose message is shown) or removes it.
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { memberApi } from '../api';
import { ApiError } from '../api/client';
import type { Member } from '../api/types';
import { t } from '../i18n';
import { PHOTO_ACCEPT, PHOTO_MAX_BYTES, photoFileProblem } from './photo';

export function MemberPhotoBox({ member, canEdit }: { member: Member; canEdit: boolean }) {
  const { message } = App.useApp();
  // Bumped after each change so that the browser asks again; `shown`: null while the image loads.
  const [version, setVersion] = useState(0);
  const [shown, setShown] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);

  const changed = () => {
    setShown(null);
    setVersion((v) => v + 1);
  };

  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await action();
      message.success(done);
      changed();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : t('app.unexpected'));
    } finally {
      setBusy(false);
    }
  };

  const upload = (file: File) => {
    const problem = photoFileProblem(file);
    if (problem) message.error(problem);
    else void run(() => memberApi.uploadPhoto(member.id, file), t('member.photo.saved'));
  };

  return (
    <div className="tcxd-photo" data-testid="member-photo">
      <div className="tcxd-photo-box" title={t('member.photo.box')}>
        <img
          key={version}
          src={memberApi.photoUrl(member.id, version || undefined)}
          alt={t('member.photo.alt', { name: member.full_name })}
          onLoad={() => setShown(true)}
          onError={() => setShown(false)}
          style={shown ? undefined : { display: 'none' }}
          data-testid="member-photo-img"
        />
        {shown === false && (
          <Typography.Text type="secondary" data-testid="member-photo-none">
            {t('member.photo.none')}
          </Typography.Text>
        )}
      </div>
      {canEdit && (
        <Space size={4} wrap>
          <Upload
            accept={PHOTO_ACCEPT}
            multiple={false}
            showUploadList={false}
            disabled={busy}
            beforeUpload={(f) => {
              upload(f);
              return Upload.LIST_IGNORE;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={busy} data-testid="member-photo-upload" title={t('member.photo.hint', { max: PHOTO_MAX_BYTES / 1024 })}>
              {shown ? t('member.photo.replace') : t('member.photo.upload')}
            </Button>
          </Upload>
          {shown && (
            <Popconfirm
              title={t('member.photo.removeConfirm')}
              okText={t('member.photo.remove')}
              okButtonProps={{ danger: true, 'data-testid': 'member-photo-remove-ok' }}
              cancelText={t('app.cancel')}
              onConfirm={() => run(() => memberApi.deletePhoto(member.id), t('member.photo.removed'))}
            >
              <Button size="small" danger icon={<DeleteOutlined />} disabled={busy} aria-label={t('member.photo.remove')} data-testid="member-photo-remove" />
            </Popconfirm>
          )}
        </Space>
      )}
    </div>
  );
}
