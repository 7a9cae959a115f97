import { PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Input, Select, Space, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { MemberQuery } from '../api';
import { MEMBER_STATUSES, type Member } from '../api/types';
import { canWriteMembers } from '../auth/access';
import { useUser } from '../auth/AuthContext';
import { ErrorState } from '../common/ErrorState';
import { useDebounced } from '../common/useDebounced';
import { useWindowHeight } from '../common/useWindowHeight';
import { ageYears, formatDate, formatNumber } from '../format';
import { t } from '../i18n';
import { OrgHeader, useOrgStore } from '../orgs';
import { ExportButton } from './ExportButton';
import { catalogOptions } from './dossier';
import { AGE_BANDS, genderLabel, StatusTag, statusLabel } from './labels';
import { useCatalog } from './useCatalog';
import { useMemberPages } from './useMemberPages';

export const SEARCH_DEBOUNCE_MS = 150;
const ROW_HEIGHT = 47;

/** The list's filters as they stand in the address (so Back from a member keeps them). */
export function queryFromParams(org: number, sp: URLSearchParams): MemberQuery {
  const band = AGE_BANDS.find((b) => b.key === sp.get('age'));
  return {
    org,
    q: sp.get('q')?.trim() || undefined,
    status: sp.get('status') || undefined,
    gender: sp.get('gender') || undefined,
    age_min: band?.min ?? undefined,
    age_max: band?.max ?? undefined,
    ethnicity: sp.get('eth') || undefined,
  };
}

export default function MemberList() {
  const orgId = Number(useParams().orgId);
  const [sp, setSp] = useSearchParams();
  const navigate = useNavigate();
  const user = useUser();
  const store = useOrgStore();
  const org = store.get(orgId);
  const height = useWindowHeight();

  const [search, setSearch] = useState(sp.get('q') ?? '');
  // The ethnicity filter offers the catalog's entries in use (found by another spelling too: "khmer" → Khơ-me).
  const ethnicities = useCatalog('ethnicity');
  const [ethTyped, setEthTyped] = useState(sp.get('eth') ?? '');
  const debounced = useDebounced(search, SEARCH_DEBOUNCE_MS);
  useEffect(() => {
    setSp(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (debounced.trim()) next.set('q', debounced.trim());
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [debounced, setSp]);

  const setParam = (name: string, value: string | undefined) =>
    setSp(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  /** A filter with one value, kept in the address under `param`. */
  const oneOf = (param: string, label: string, options: { value: string; label: string }[]) => (
    <Select
      allowClear
      className="tcxd-filter"
      placeholder={label}
      aria-label={label}
      value={sp.get(param) ?? undefined}
      onChange={(v?: string) => setParam(param, v)}
      options={options}
    />
  );

  const query = useMemo(() => queryFromParams(orgId, sp), [orgId, sp]);
  const pages = useMemberPages(Number.isFinite(orgId) ? query : null);

  const columns: ColumnsType<Member> = [
    {
      title: '#',
      key: 'n',
      width: 64,
      align: 'right',
      render: (_v, _m, i) => formatNumber(i + 1),
    },
    {
      title: t('member.fields.full_name'),
      dataIndex: 'full_name',
      width: 230,
      render: (name: string, m) => (
        <Link to={`/members/${m.id}`} className="tcxd-member-link" onClick={(e) => e.stopPropagation()}>
          {name}
        </Link>
      ),
    },
    { title: t('member.fields.gender'), dataIndex: 'gender', width: 90, render: (g: string) => genderLabel(g) },
    {
      title: t('member.fields.birth_date'),
      dataIndex: 'birth_date',
      width: 150,
      render: (d: string | null) => {
        const age = ageYears(d);
        return (
          <span>
            {formatDate(d)}
            {age !== null && <span className="tcxd-muted"> ({age})</span>}
          </span>
        );
      },
    },
    { title: t('member.fields.ethnicity'), dataIndex: 'ethnicity', width: 110 },
    {
      title: t('member.list.branch'),
      dataIndex: 'org_name',
      width: 260,
      ellipsis: true,
      render: (name: string | undefined, m: Member) => name ?? store.get(m.org_id)?.name ?? '–',
    },
    { title: t('member.fields.status'), dataIndex: 'status', width: 150, render: (s: Member['status']) => <StatusTag status={s} /> },
  ];

  const filtered = Boolean(query.q || query.gender || query.age_min || query.ethnicity);
  const countText =
    pages.total !== undefined && !pages.loading
      ? t('member.list.total', { n: formatNumber(pages.total) })
      : pages.next
        ? t(filtered ? 'member.list.foundMore' : 'member.list.loadedMore', { n: formatNumber(pages.items.length) })
        : t(filtered ? 'member.list.found' : 'member.list.loaded', { n: formatNumber(pages.items.length) });

  // A file may also be imported above the branches when its rows name their branch ("Mã chi bộ").
  const canWrite = canWriteMembers(user);
  const canAdd = Boolean(org?.holds_members);
  // The table fills the window below its own top edge (the toolbar may wrap on narrow screens).
  const tableTop = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(260);
  useLayoutEffect(() => {
    const el = tableTop.current;
    if (el) setTop(el.getBoundingClientRect().top + window.scrollY);
  }, [height, pages.error]);
  const tableHeight = Math.max(240, height - top - 110);

  return (
    <div className="tcxd-page">
      <OrgHeader orgId={orgId} view="members" />
      <div className="tcxd-toolbar">
        <Input
          className="tcxd-search"
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('member.list.search')}
          aria-label={t('member.list.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="member-search"
        />
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          className="tcxd-filter-status"
          placeholder={t('member.filters.status')}
          aria-label={t('member.filters.status')}
          value={sp.get('status')?.split(',').filter(Boolean) ?? []}
          onChange={(v: string[]) => setParam('status', v.join(','))}
          options={MEMBER_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
        />
        {oneOf('gender', t('member.filters.gender'), [
          { value: 'male', label: genderLabel('male') },
          { value: 'female', label: genderLabel('female') },
        ])}
        {oneOf('age', t('member.filters.ageBand'), AGE_BANDS.map((b) => ({ value: b.key, label: b.label })))}
        <AutoComplete
          allowClear
          className="tcxd-filter"
          placeholder={t('member.filters.ethnicity')}
          aria-label={t('member.filters.ethnicity')}
          defaultValue={sp.get('eth') ?? undefined}
          onChange={(v?: string) => {
            setEthTyped(v ?? '');
            setParam('eth', v?.trim() || undefined);
          }}
          options={catalogOptions(ethnicities, ethTyped)}
          showSearch={{ filterOption: false }}
        />
      </div>
      <div className="tcxd-list-meta" ref={tableTop}>
        <span aria-live="polite" data-testid="list-count">
          {countText}
          {pages.loading && pages.items.length > 0 && ` · ${t('member.list.loadingMore')}`}
        </span>
        <Space wrap>
          {canWrite && <ExportButton query={query} />}
          {canWrite && (
            <Button icon={<UploadOutlined />} onClick={() => navigate(`/orgs/${orgId}/members/import`)} data-testid="import-members">
              {t('member.list.import')}
            </Button>
          )}
          <Tooltip title={canAdd ? undefined : t('member.list.addOnlyInBranch')}>
            <Button type="primary" icon={<PlusOutlined />} disabled={!canAdd} onClick={() => navigate(`/members/new?org=${orgId}`)}>
              {t('member.list.add')}
            </Button>
          </Tooltip>
        </Space>
      </div>
      {pages.error ? (
        <ErrorState error={pages.error} onRetry={pages.reload} />
      ) : (
        <Table<Member>
          data-testid="member-table"
          rowKey="id"
          size="middle"
          virtual
          columns={columns}
          dataSource={pages.items}
          loading={pages.loading && pages.items.length === 0}
          pagination={false}
          scroll={{ x: 1054, y: tableHeight }}
          locale={{ emptyText: pages.loading ? t('app.loading') : t('member.list.empty') }}
          onRow={(m) => ({ onClick: () => navigate(`/members/${m.id}`), className: 'tcxd-row' })}
          onScroll={(e) => {
            const el = e.currentTarget;
            if (el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 10) pages.loadMore();
          }}
        />
      )}
    </div>
  );
}
