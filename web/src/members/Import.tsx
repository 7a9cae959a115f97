import { ArrowLeftOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Result, Space, Table, Tooltip, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { memberApi } from '../api';
import { ApiError } from '../api/client';
import type { ImportPreviewRow, ImportReport } from '../api/types';
import { canWriteMembers } from '../auth/access';
import { useUser } from '../auth/AuthContext';
import { ImportIssuesCard, saveText } from '../common/ImportIssues';
import { Loading } from '../common/Loading';
import { formatDate, formatNumber } from '../format';
import { t } from '../i18n';
import { useOrgStore } from '../orgs';
import { formatFileSize, IMPORT_ACCEPT, importChoice, importFileProblem, issuesCsv, issuesFileName, MAX_IMPORT_MB } from './importFile';
import { genderLabel, StatusTag } from './labels';

const errorText = (e: unknown) => (e instanceof ApiError ? e.message : t('app.unexpected'));

function previewColumns(withBranch: boolean): ColumnsType<ImportPreviewRow> {
  const cols: ColumnsType<ImportPreviewRow> = [
    { title: t('member.import.row'), dataIndex: 'row', width: 70, align: 'right' },
    { title: t('member.fields.full_name'), dataIndex: 'full_name', width: 220 },
    { title: t('member.fields.gender'), dataIndex: 'gender', width: 90, render: (g: string) => genderLabel(g) },
    { title: t('member.fields.birth_date'), dataIndex: 'birth_date', width: 120, render: (d: string | null) => formatDate(d) },
    { title: t('member.fields.ethnicity'), dataIndex: 'ethnicity', width: 110 },
    { title: t('member.fields.national_id'), dataIndex: 'national_id', width: 150 },
    { title: t('member.fields.admission_date'), dataIndex: 'admission_date', width: 130, render: (d: string | null) => formatDate(d) },
    { title: t('member.fields.status'), dataIndex: 'status', width: 150, render: (s: ImportPreviewRow['status']) => <StatusTag status={s} /> },
  ];
  if (withBranch) cols.push({ title: t('member.import.branch'), dataIndex: 'branch', width: 130 });
  return cols;
}

/**
 * Members from a spreadsheet into an organization, in two steps: the file is sent first as a preview
 * (`dry_run=1`, nothing written) and its report shown — counts, every bad cell, the first valid rows;
 * then the user confirms, and the file is sent again to be written (all rows, or only the valid ones
 * after a confirmation).
 */
export default function MemberImport() {
  const orgId = Number(useParams().orgId);
  const user = useUser();
  const store = useOrgStore();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const org = store.get(orgId);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<'checking' | 'applying' | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Bumped for every file chosen: an answer about an earlier file is dropped.
  const attempt = useRef(0);

  useEffect(() => {
    if (orgId && !store.get(orgId)) void store.ensure([orgId]);
  }, [orgId, store]);

  const reset = () => {
    attempt.current += 1;
    setFile(null);
    setBusy(null);
    setReport(null);
    setResult(null);
    setError(null);
  };

  const check = (f: File) => {
    const n = ++attempt.current;
    setFile(f);
    setReport(null);
    setResult(null);
    const problem = importFileProblem(f);
    setError(problem);
    if (problem) return;
    setBusy('checking');
    memberApi.importFile(orgId, f, false).then(
      (r) => {
        if (n !== attempt.current) return;
        setReport(r);
        setBusy(null);
      },
      (e: unknown) => {
        if (n !== attempt.current) return;
        setError(errorText(e));
        setBusy(null);
      },
    );
  };

  const apply = async (skipInvalid: boolean) => {
    if (!file) return;
    const n = attempt.current;
    setBusy('applying');
    setError(null);
    try {
      const r = await memberApi.importFile(orgId, file, true, skipInvalid);
      if (n !== attempt.current) return;
      setResult(r);
      // The counts of the organization, of those above it and of its loaded branches have changed.
      void store.refreshAround(orgId);
    } catch (e) {
      if (n === attempt.current) setError(errorText(e));
    } finally {
      if (n === attempt.current) setBusy(null);
    }
  };

  if (!canWriteMembers(user)) return <Result status="403" title={t('member.import.forbidden')} />;
  if (!org) return <Loading />;

  const toList = () => navigate(`/orgs/${orgId}/members`);
  const downloadIssues = (r: ImportReport) => saveText(issuesCsv(r.issues), issuesFileName(r.org.code));

  const head = (
    <div className="tcxd-page-head">
      <Space align="start">
        <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('app.back')} onClick={toList} />
        <div className="tcxd-page-title">
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="import-title">
            {t('member.import.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('member.import.into', { org: org.name, code: org.code })}</Typography.Text>
        </div>
      </Space>
    </div>
  );

  if (result) {
    return (
      <div className="tcxd-page">
        {head}
        <Card>
          <Result
            status="success"
            data-testid="import-done"
            title={t('member.import.done', { n: formatNumber(result.imported), org: result.org.name })}
            subTitle={result.bad_rows > 0 ? t('member.import.doneSkipped', { bad: formatNumber(result.bad_rows) }) : undefined}
            extra={
              <Space wrap style={{ justifyContent: 'center' }}>
                <Button type="primary" onClick={toList}>
                  {t('member.import.backToList')}
                </Button>
                <Button onClick={reset}>{t('member.import.importAnother')}</Button>
                {result.issues.length > 0 && (
                  <Button icon={<DownloadOutlined />} onClick={() => downloadIssues(result)}>
                    {t('member.import.downloadIssues')}
                  </Button>
                )}
              </Space>
            }
          />
        </Card>
      </div>
    );
  }

  const choice = report ? importChoice(report) : 'none';
  return (
    <div className="tcxd-page">
      {head}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card
          size="small"
          title={`1. ${t('member.import.chooseStep')}`}
          extra={
            <a href={memberApi.importTemplateUrl()} download data-testid="import-template">
              <DownloadOutlined /> {t('member.import.template')}
            </a>
          }
        >
          {!org.holds_members && <Alert type="info" showIcon title={t('member.import.needBranchColumn')} style={{ marginBottom: 12 }} />}
          <div data-testid="import-file">
            <Upload.Dragger
              accept={IMPORT_ACCEPT}
              multiple={false}
              showUploadList={false}
              disabled={busy !== null}
              beforeUpload={(f) => {
                check(f);
                return Upload.LIST_IGNORE;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('member.import.dropHint')}</p>
              <p className="ant-upload-hint">{t('member.import.fileHint', { max: MAX_IMPORT_MB })}</p>
            </Upload.Dragger>
          </div>
          {file && (
            <Typography.Paragraph style={{ margin: '12px 0 0' }} data-testid="import-file-name">
              {t('member.import.file')}: <Typography.Text strong>{file.name}</Typography.Text> ({formatFileSize(file.size)})
            </Typography.Paragraph>
          )}
        </Card>

        {busy && <Loading tip={t(busy === 'checking' ? 'member.import.checking' : 'member.import.applying')} />}
        {error && <Alert type="error" showIcon title={error} role="alert" data-testid="import-error" />}

        {report && (
          <Card size="small" title={`2. ${t('member.import.checkStep')}`} data-testid="import-report">
            <Descriptions
              size="small"
              bordered
              column={{ xs: 1, sm: 2, xl: 4 }}
              items={[
                { key: 'data', label: t('member.import.dataRows'), children: formatNumber(report.data_rows) },
                { key: 'valid', label: t('member.import.validRows'), children: <span data-testid="import-valid-rows">{formatNumber(report.valid_rows)}</span> },
                {
                  key: 'bad',
                  label: t('member.import.badRows'),
                  children: (
                    <Typography.Text type={report.bad_rows > 0 ? 'danger' : undefined} data-testid="import-bad-rows">
                      {formatNumber(report.bad_rows)}
                    </Typography.Text>
                  ),
                },
                { key: 'header', label: t('member.import.headerRow'), children: formatNumber(report.header_row) },
                {
                  key: 'ignored',
                  label: t('member.import.ignoredColumns'),
                  span: 'filled',
                  children: report.ignored_columns.length ? report.ignored_columns.join(', ') : t('member.import.none'),
                },
              ]}
            />
            <Alert
              style={{ marginTop: 12 }}
              showIcon
              type={choice === 'all' ? 'success' : choice === 'validOnly' ? 'warning' : 'error'}
              title={
                choice === 'all'
                  ? t('member.import.allValid', { n: formatNumber(report.valid_rows) })
                  : choice === 'validOnly'
                    ? t('member.import.someBad', { bad: formatNumber(report.bad_rows), n: formatNumber(report.valid_rows) })
                    : t('member.import.noValid')
              }
              description={t('member.import.nothingWritten')}
            />
          </Card>
        )}

        {report && report.issues.length > 0 && <ImportIssuesCard issues={report.issues} fileName={issuesFileName(report.org.code)} />}

        {report && report.preview.length > 0 && (
          <Card size="small" title={t('member.import.preview', { n: formatNumber(report.preview.length) })}>
            <Table<ImportPreviewRow>
              data-testid="import-preview"
              size="small"
              rowKey="row"
              columns={previewColumns(report.preview.some((r) => r.branch))}
              dataSource={report.preview}
              pagination={false}
              scroll={{ x: 1040 }}
            />
          </Card>
        )}
      </Space>
      {report && (
        <div className="tcxd-form-actions" style={{ marginTop: 16 }}>
          <Space wrap>
            <Button onClick={reset} disabled={busy === 'applying'}>
              {t('member.import.otherFile')}
            </Button>
            {choice !== 'none' && (
              <Tooltip title={choice === 'validOnly' ? t('member.import.importAllBlocked') : undefined}>
                <Button
                  type={choice === 'all' ? 'primary' : 'default'}
                  disabled={choice !== 'all' || busy !== null}
                  loading={choice === 'all' && busy === 'applying'}
                  onClick={() => void apply(false)}
                  data-testid="import-all"
                >
                  {t('member.import.importAll', { n: formatNumber(report.valid_rows + report.bad_rows) })}
                </Button>
              </Tooltip>
            )}
            {choice === 'validOnly' && (
              <Button
                type="primary"
                disabled={busy !== null}
                onClick={() =>
                  modal.confirm({
                    title: t('member.import.confirmTitle', { n: formatNumber(report.valid_rows) }),
                    content: t('member.import.confirmBody', { bad: formatNumber(report.bad_rows) }),
                    okText: t('member.import.confirmOk', { n: formatNumber(report.valid_rows) }),
                    cancelText: t('app.cancel'),
                    onOk: () => apply(true),
                  })
                }
                data-testid="import-valid"
              >
                {t('member.import.importValid', { n: formatNumber(report.valid_rows) })}
              </Button>
            )}
          </Space>
        </div>
      )}
    </div>
  );
}
