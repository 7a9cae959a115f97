// What every import screen shows of a file's problems: the issues table, and the issues saved as CSV.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ImportIssue } from '../api/types';
import { formatNumber } from '../format';
import { t } from '../i18n';
import { issuesCsv } from '../members/importFile';

/** Saves `text` as a file made here (no request): the issues of a report as CSV. */
export function saveText(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const empty = (v: string) => (v ? v : <span className="tcxd-muted">{t('app.empty')}</span>);

const issueColumns: ColumnsType<ImportIssue & { key: number }> = [
  { title: t('member.import.issueRow'), dataIndex: 'row', width: 80, align: 'right' },
  { title: t('member.import.issueColumn'), dataIndex: 'column', width: 220 },
  { title: t('member.import.issueValue'), dataIndex: 'value', width: 200, render: empty },
  { title: t('member.import.issueMessage'), dataIndex: 'message' },
];

/** The issues of a file, ten per page, with the button saving all of them as `fileName` (CSV). */
export function ImportIssuesCard({ issues, fileName }: { issues: readonly ImportIssue[]; fileName: string }) {
  return (
    <Card
      size="small"
      title={t('member.import.issues', { n: formatNumber(issues.length) })}
      extra={
        <Button size="small" icon={<DownloadOutlined />} onClick={() => saveText(issuesCsv(issues), fileName)} data-testid="import-issues-csv">
          {t('member.import.downloadIssues')}
        </Button>
      }
    >
      <Table
        data-testid="import-issues"
        size="small"
        columns={issueColumns}
        dataSource={issues.map((i, key) => ({ ...i, key }))}
        pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 700 }}
      />
    </Card>
  );
}
