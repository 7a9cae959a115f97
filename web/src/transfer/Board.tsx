import { BookOutlined, FileExcelOutlined, FilePdfOutlined, SwapOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Card, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { orgApi, transferApi } from '../api';
import type { TemporaryMember, TransferBoard, TransferCase } from '../api/types';
import { ErrorState } from '../common/ErrorState';
import { Loading } from '../common/Loading';
import { formatDate } from '../format';
import { t } from '../i18n';
import { OrgHeader } from '../orgs';

/** The next step of a transfer and its deadline, red when overdue. */
export function TransferDue({ c }: { c: TransferCase }) {
  if (!c.next) return <Tag>{c.state_label}</Tag>;
  return (
    <Space size={4} wrap>
      <Typography.Text>{c.next.step_label}</Typography.Text>
      {c.next.deadline && (
        <Tag color={c.next.overdue ? 'red' : 'blue'} icon={c.next.overdue ? <WarningOutlined /> : undefined} data-testid={c.next.overdue ? 'overdue' : 'deadline'}>
          {t(c.next.overdue ? 'transfer.overdueTag' : 'transfer.deadline', { date: formatDate(c.next.deadline) })}
        </Tag>
      )}
    </Space>
  );
}

/** Where a transfer goes: a branch of the tree, or the external destination as written. */
export const destination = (c: TransferCase) => c.to?.name ?? (c.external ? `${c.external.name} (${c.external.label})` : '—');

function columns(): ColumnsType<TransferCase> {
  return [
    { title: t('transfer.member'), key: 'member', render: (_, c) => <Link to={`/transfers/${c.id}`} data-testid="transfer-link">{c.member.full_name}</Link> },
    { title: t('transfer.from'), key: 'from', render: (_, c) => `${c.from.name} (${c.from.code})` },
    { title: t('transfer.to'), key: 'to', render: (_, c) => (c.to ? `${c.to.name} (${c.to.code})` : destination(c)) },
    { title: t('transfer.kind'), dataIndex: 'kind_label' },
    {
      title: t('transfer.state'),
      key: 'state',
      render: (_, c) => (
        <Space size={4} wrap>
          <span data-testid="transfer-state">{c.state_label}</span>
          {c.late_working_days > 0 && <Tag color="orange">{t('transfer.late', { days: c.late_working_days })}</Tag>}
        </Space>
      ),
    },
    { title: t('transfer.next'), key: 'next', render: (_, c) => <TransferDue c={c} /> },
  ];
}

function CaseTable({ title, rows, testId }: { title: string; rows: TransferCase[]; testId: string }) {
  return (
    <Card size="small" title={`${title} (${rows.length})`} data-testid={testId}>
      <Table rowKey="id" size="small" pagination={rows.length > 20 ? { pageSize: 20 } : false} columns={columns()} dataSource={rows} locale={{ emptyText: t('transfer.nothing') }} />
    </Card>
  );
}

/** The transfer book of a committee (not of a branch: branches do not issue letters) for a chosen year. */
function TransferBookCard({ orgId }: { orgId: number }) {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [count, setCount] = useState<{ letters: number; received: number } | null>(null);
  const [isCommittee, setIsCommittee] = useState(false);
  useEffect(() => {
    const ctl = new AbortController();
    orgApi.get(orgId, ctl.signal).then((o) => setIsCommittee(o.kind !== 'branch' && o.kind !== 'grassroots_branch'), () => undefined);
    return () => ctl.abort();
  }, [orgId]);
  useEffect(() => {
    if (!isCommittee) return;
    const ctl = new AbortController();
    setCount(null);
    transferApi.book(orgId, year, ctl.signal).then((b) => setCount({ letters: b.rows.length, received: b.incoming?.length ?? 0 }), () => undefined);
    return () => ctl.abort();
  }, [orgId, year, isCommittee]);
  if (!isCommittee) return null;
  return (
    <Card size="small" title={<><BookOutlined /> {t('transfer.book')}</>} data-testid="transfer-book">
      <Space wrap>
        <span>{t('transfer.bookYear')}</span>
        <Select
          value={year}
          style={{ width: 110 }}
          onChange={setYear}
          options={[thisYear, thisYear - 1, thisYear - 2, thisYear - 3].map((y) => ({ value: y, label: String(y) }))}
          data-testid="transfer-book-year"
        />
        {count !== null && <Typography.Text type="secondary" data-testid="transfer-book-count">{t('transfer.bookCount', { count: count.letters, received: count.received })}</Typography.Text>}
        <Button icon={<FilePdfOutlined />} href={transferApi.bookUrl(orgId, year, 'pdf')} target="_blank" rel="noopener" data-testid="transfer-book-pdf">
          {t('transfer.bookPdf')}
        </Button>
        <Button icon={<FileExcelOutlined />} href={transferApi.bookUrl(orgId, year, 'xlsx')} download data-testid="transfer-book-xlsx">
          {t('transfer.bookXlsx')}
        </Button>
      </Space>
    </Card>
  );
}

/** `/orgs/:orgId/transfers`: what the organization's branches send and receive, and what is overdue on either side. */
export function TransferBoardPage() {
  const orgId = Number(useParams().orgId);
  const [state, setState] = useState<'open' | ''>('open');
  const [board, setBoard] = useState<TransferBoard | null>(null);
  const [temporary, setTemporary] = useState<TemporaryMember[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const ctl = new AbortController();
    setBoard(null);
    setError(null);
    transferApi.board(orgId, state, ctl.signal).then(setBoard, (e: unknown) => !ctl.signal.aborted && setError(e));
    transferApi.temporaryMembers(orgId, ctl.signal).then((r) => setTemporary(r.items), () => undefined);
    return () => ctl.abort();
  }, [orgId, state]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <OrgHeader orgId={orgId} view="transfers" />
      <Segmented
        value={state}
        onChange={(v) => setState(v as 'open' | '')}
        options={[
          { value: 'open', label: t('transfer.openOnly') },
          { value: '', label: t('transfer.allStates') },
        ]}
      />
      <TransferBookCard orgId={orgId} />
      {error ? (
        <ErrorState error={error} />
      ) : !board ? (
        <Loading />
      ) : (
        <>
          <CaseTable title={t('transfer.overdue')} rows={board.overdue} testId="transfer-overdue" />
          <CaseTable title={t('transfer.outgoing')} rows={board.outgoing} testId="transfer-outgoing" />
          <CaseTable title={t('transfer.incoming')} rows={board.incoming} testId="transfer-incoming" />
          <Card size="small" title={<><SwapOutlined /> {t('transfer.temporaryMembers')}</>} data-testid="transfer-temporary">
            <Table
              rowKey="case_id"
              size="small"
              pagination={false}
              dataSource={temporary}
              locale={{ emptyText: t('transfer.nothing') }}
              columns={[
                { title: t('transfer.member'), key: 'm', render: (_, m: TemporaryMember) => <Link to={`/transfers/${m.case_id}`}>{m.full_name}</Link> },
                { title: t('transfer.from'), key: 'f', render: (_, m: TemporaryMember) => m.from.name },
                { title: t('transfer.to'), key: 't', render: (_, m: TemporaryMember) => m.to.name },
                { title: t('transfer.until'), key: 'u', render: (_, m: TemporaryMember) => formatDate(m.until) },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}
