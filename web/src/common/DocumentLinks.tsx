// Download links of a document made from a template (PDF and Word), as plain links: the session cookie
// authenticates the GET, and the server answers the file as an attachment.
import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { Space } from 'antd';
import type { DocFormat } from '../api/types';
import { t } from '../i18n';

export function DocumentLinks({ url, label, testId }: { url: (format: DocFormat) => string; label?: string; testId: string }) {
  return (
    <Space size={8} wrap>
      {label && <span>{label}</span>}
      <a href={url('pdf')} download data-testid={`${testId}-pdf`} aria-label={label ? `${label} – PDF` : 'PDF'}>
        <FilePdfOutlined /> {t('documents.pdf')}
      </a>
      <a href={url('docx')} download data-testid={`${testId}-docx`} aria-label={label ? `${label} – Word` : 'Word'}>
        <FileWordOutlined /> {t('documents.docx')}
      </a>
    </Space>
  );
}
