// Loading the official list of commune-level units (đơn vị hành chính cấp xã) into the catalog: choose the
// file, see what would be added, changed and is no longer listed, then apply all of it (administrators).
import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Checkbox, Descriptions, Modal, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { catalogApi } from '../api';
import { ApiError } from '../api/client';
import type { CommuneImportReport } from '../api/types';
import { ImportIssuesCard } from '../common/ImportIssues';
import { formatNumber } from '../format';
import { t } from '../i18n';
import { formatFileSize, IMPORT_ACCEPT, importFileProblem, MAX_IMPORT_MB } from '../members/importFile';
import { communeImportChanges } from './model';

export function CommuneImportModal({ open, onClose, onApplied }: { open: boolean; onClose: () => void; onApplied: () => void }) {
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<CommuneImportReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [retireMissing, setRetireMissing] = useState(false);

  const reset = () => {
    setFile(null);
    setReport(null);
    setProblem(null);
    setRetireMissing(false);
  };

  const check = async (f: File) => {
    reset();
    setFile(f);
    const tooLarge = importFileProblem(f);
    if (tooLarge) return setProblem(tooLarge);
    setBusy(true);
    try {
      setReport(await catalogApi.importCommunes(f, false, false));
    } catch (e) {
      setProblem(e instanceof ApiError ? e.message : t('app.unexpected'));
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const done = await catalogApi.importCommunes(file, true, retireMissing);
      message.success(t('catalog.import.done', { added: formatNumber(done.added.count), changed: formatNumber(done.changed.count) }));
      reset();
      onApplied();
    } catch (e) {
      setProblem(e instanceof ApiError ? e.message : t('app.unexpected'));
    } finally {
      setBusy(false);
    }
  };

  const changes = report ? communeImportChanges(report, retireMissing) : 0;
  return (
    <Modal
      open={open}
      width={900}
      title={t('catalog.import.title')}
      okText={report ? t('catalog.import.apply', { n: formatNumber(changes) }) : t('catalog.import.choose')}
      okButtonProps={{ disabled: !report || report.bad_rows > 0 || changes === 0, 'data-testid': 'commune-import-apply' }}
      confirmLoading={busy}
      cancelText={t('app.close')}
      onOk={apply}
      onCancel={() => {
        reset();
        onClose();
      }}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('catalog.import.hint')}
        </Typography.Paragraph>
        <div data-testid="commune-import-file">
          <Upload.Dragger
            accept={IMPORT_ACCEPT}
            multiple={false}
            showUploadList={false}
            disabled={busy}
            beforeUpload={(f) => {
              void check(f);
              return Upload.LIST_IGNORE;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('member.import.dropHint')}</p>
            <p className="ant-upload-hint">{t('catalog.import.fileHint', { max: MAX_IMPORT_MB })}</p>
          </Upload.Dragger>
        </div>
        {file && (
          <Typography.Text>
            {t('member.import.file')}: <Typography.Text strong>{file.name}</Typography.Text> ({formatFileSize(file.size)})
          </Typography.Text>
        )}
        {problem && <Alert type="error" showIcon title={problem} data-testid="commune-import-problem" />}
        {report && (
          <>
            <Descriptions
              size="small"
              bordered
              column={{ xs: 1, sm: 2, lg: 3 }}
              data-testid="commune-import-summary"
              items={[
                { key: 'rows', label: t('member.import.dataRows'), children: formatNumber(report.data_rows) },
                {
                  key: 'bad',
                  label: t('member.import.badRows'),
                  children: <Typography.Text type={report.bad_rows > 0 ? 'danger' : undefined}>{formatNumber(report.bad_rows)}</Typography.Text>,
                },
                { key: 'added', label: t('catalog.import.added'), children: <span data-testid="commune-import-added">{formatNumber(report.added.count)}</span> },
                { key: 'changed', label: t('catalog.import.changed'), children: formatNumber(report.changed.count) },
                { key: 'unchanged', label: t('catalog.import.unchanged'), children: formatNumber(report.unchanged) },
                { key: 'missing', label: t('catalog.import.missing'), children: formatNumber(report.missing.count) },
                {
                  key: 'ignored',
                  label: t('member.import.ignoredColumns'),
                  span: 'filled',
                  children: report.ignored_columns.length ? report.ignored_columns.join(', ') : t('member.import.none'),
                },
              ]}
            />
            {report.missing.count > 0 && report.bad_rows === 0 && (
              <Checkbox checked={retireMissing} onChange={(e) => setRetireMissing(e.target.checked)} data-testid="commune-import-retire">
                {t('catalog.import.retireMissing', { n: formatNumber(report.missing.count) })}
              </Checkbox>
            )}
            <Alert
              showIcon
              type={report.bad_rows > 0 ? 'error' : changes > 0 ? 'info' : 'success'}
              title={
                report.bad_rows > 0
                  ? t('catalog.import.hasErrors', { n: formatNumber(report.bad_rows) })
                  : changes > 0
                    ? t('catalog.import.ready', { n: formatNumber(changes) })
                    : t('catalog.import.upToDate')
              }
              description={t('catalog.import.nothingWritten')}
            />
            {report.issues.length > 0 && <ImportIssuesCard issues={report.issues} fileName={t('catalog.import.issuesFile')} />}
          </>
        )}
      </Space>
    </Modal>
  );
}
