import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Modal, Progress, Typography } from 'antd';
import { useRef, useState } from 'react';
import { type MemberQuery, memberApi } from '../api';
import { ApiError } from '../api/client';
import { formatNumber } from '../format';
import { t } from '../i18n';
import { csvHeader, csvRow } from './csv';

/**
 * Exports the whole filtered list as CSV (UTF-8 with BOM, for spreadsheets), page after page of 500,
 * with a progress bar and a stop button: a long job that the user can follow and cancel.
 */
export function ExportButton({ query, total, fileName }: { query: MemberQuery; total: number | undefined; fileName: string }) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(0);
  const stop = useRef(false);
  const { message } = App.useApp();

  const run = async () => {
    stop.current = false;
    setDone(0);
    setOpen(true);
    const lines = [csvHeader()];
    let cursor: string | null = null;
    try {
      do {
        const page = await memberApi.list({ ...query, limit: 500, cursor });
        for (const m of page.items) lines.push(csvRow(m));
        setDone(lines.length - 1);
        cursor = page.next;
      } while (cursor && !stop.current);
      if (stop.current) return;
      const blob = new Blob(['\uFEFF', lines.join('\r\n')], { type: 'text/csv;charset=utf-8' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      message.success(t('member.list.exportDone', { n: formatNumber(lines.length - 1) }));
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : t('app.unexpected'));
    } finally {
      setOpen(false);
    }
  };

  const pct = total ? Math.min(100, Math.round((done * 100) / total)) : undefined;
  return (
    <>
      <Button icon={<DownloadOutlined />} onClick={run}>
        {t('member.list.export')}
      </Button>
      <Modal
        open={open}
        title={t('member.list.exporting')}
        closable={false}
        mask={{ closable: false }}
        footer={
          <Button
            onClick={() => {
              stop.current = true;
              setOpen(false);
            }}
          >
            {t('member.list.exportCancel')}
          </Button>
        }
      >
        <Progress percent={pct ?? 100} status="active" showInfo={pct !== undefined} />
        <Typography.Text>
          {formatNumber(done)}
          {total ? ` / ${formatNumber(total)}` : ''}
        </Typography.Text>
      </Modal>
    </>
  );
}
