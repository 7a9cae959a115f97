import { BookOutlined, DownloadOutlined, DownOutlined, FileExcelOutlined, FilePdfOutlined, FileTextOutlined } from '@ant-design/icons';
import { Button, Dropdown, type MenuProps } from 'antd';
import { type ExportFormat, type ExportLayout, type MemberQuery, memberApi } from '../api';
import { t } from '../i18n';

/**
 * Downloads the whole filtered list, written by the server (`GET /members/export`): Excel, CSV, or the
 * member book (Mẫu 7-HSĐV). Each entry is a plain link to the file; the session cookie authenticates it
 * and the browser saves it under the server's file name.
 */
export function ExportButton({ query }: { query: MemberQuery }) {
  const link = (format: ExportFormat, layout: ExportLayout, text: string) => (
    <a href={memberApi.exportUrl(query, format, layout)} download data-testid={`export-${layout}-${format}`}>
      {text}
    </a>
  );
  const items: MenuProps['items'] = [
    {
      type: 'group',
      key: 'scope',
      label: t('member.export.scope'),
      children: [
        { key: 'xlsx', icon: <FileExcelOutlined />, label: link('xlsx', 'list', t('member.export.xlsx')) },
        { key: 'csv', icon: <FileTextOutlined />, label: link('csv', 'list', t('member.export.csv')) },
        { key: 'book', icon: <BookOutlined />, label: link('xlsx', 'book', t('member.export.book')) },
        { key: 'pdf', icon: <FilePdfOutlined />, label: link('pdf', 'list', t('member.export.pdf')) },
      ],
    },
  ];
  return (
    <Dropdown menu={{ items }} trigger={['click']}>
      <Button icon={<DownloadOutlined />} data-testid="export-menu">
        {t('member.list.export')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
