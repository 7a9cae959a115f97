import { DeleteOutlined, PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, Menu, Modal, Popconfirm, Result, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { catalogApi } from '../api';
import { ApiError } from '../api/client';
import type { CatalogEntry, CatalogInfo } from '../api/types';
import { canEditCatalogs, canSeeCatalogs } from '../auth/access';
import { useUser } from '../auth/AuthContext';
import { ErrorState } from '../common/ErrorState';
import { applyServerErrors } from '../common/formErrors';
import { Loading } from '../common/Loading';
import { formatNumber } from '../format';
import { t } from '../i18n';
import { invalidateCatalog, useCatalog } from '../members/useCatalog';
import { CommuneImportModal } from './CommuneImport';
import { cleanAliases, filterEntries, successorLabel } from './model';

const ENTRY_FIELDS = ['code', 'name', 'aliases', 'parent'] as const;

interface AddValues {
  code: string;
  name: string;
  aliases?: string[];
  parent?: string;
}

/** The form adding an entry; the server's field errors (a name that matches another entry…) land at their inputs. */
function AddEntryModal({
  catalog,
  parents,
  open,
  onClose,
  onAdded,
}: {
  catalog: CatalogInfo;
  parents: readonly CatalogEntry[] | null;
  open: boolean;
  onClose: () => void;
  onAdded: (e: CatalogEntry) => void;
}) {
  const [form] = Form.useForm<AddValues>();
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const added = await catalogApi.add(catalog.kind, {
        code: v.code.trim(),
        name: v.name.trim().replace(/\s+/g, ' '),
        aliases: cleanAliases(v.aliases ?? []),
        ...(parents ? { parent: v.parent } : {}),
      });
      message.success(t('catalog.added', { name: added.name }));
      form.resetFields();
      onAdded(added);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (!applyServerErrors(form, e, ENTRY_FIELDS)) message.error(e.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('catalog.addTitle', { catalog: catalog.label })}
      okText={t('app.save')}
      cancelText={t('app.cancel')}
      confirmLoading={busy}
      onOk={submit}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'catalog-add-save' }}
    >
      <Form form={form} name="catalog_entry" layout="vertical" requiredMark={false} data-testid="catalog-add-form">
        <Form.Item name="code" label={t('catalog.columns.code')} rules={[{ required: true, whitespace: true, message: t('catalog.codeRequired') }]}>
          <Input maxLength={20} autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={t('catalog.columns.name')} rules={[{ required: true, whitespace: true, message: t('catalog.nameRequired') }]}>
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        {parents && (
          <Form.Item name="parent" label={t('catalog.columns.parent')} rules={[{ required: true, message: t('catalog.parentRequired') }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={parents.filter((p) => !p.retired).map((p) => ({ value: p.code, label: `${p.code} · ${p.name}` }))}
              data-testid="catalog-add-parent"
            />
          </Form.Item>
        )}
        <Form.Item name="aliases" label={t('catalog.columns.aliases')} extra={t('catalog.aliasesHelp')}>
          <Select mode="tags" open={false} tokenSeparators={[';']} suffixIcon={null} aria-label={t('catalog.columns.aliases')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function CatalogsPage() {
  const user = useUser();
  const navigate = useNavigate();
  const { kind: kindParam } = useParams();
  const { message, modal } = App.useApp();
  const editable = canEditCatalogs(user);

  const [kinds, setKinds] = useState<CatalogInfo[] | null>(null);
  const [kindsError, setKindsError] = useState<unknown>(null);
  const [entries, setEntries] = useState<CatalogEntry[] | null>(null);
  const [entriesError, setEntriesError] = useState<unknown>(null);
  const [reload, setReload] = useState(0);
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [busyCode, setBusyCode] = useState<string | null>(null);

  const allowed = canSeeCatalogs(user);
  useEffect(() => {
    if (!allowed) return;
    const ctl = new AbortController();
    catalogApi.kinds(ctl.signal).then(
      (page) => setKinds(page.items),
      (e: unknown) => !ctl.signal.aborted && setKindsError(e),
    );
    return () => ctl.abort();
  }, [allowed]);

  const kind = kindParam ?? kinds?.[0]?.kind;
  const catalog = kinds?.find((k) => k.kind === kind) ?? (kind ? { kind, label: kind } : undefined);

  useEffect(() => {
    if (!allowed || !kind) return;
    const ctl = new AbortController();
    setEntriesError(null);
    catalogApi.list(kind, ctl.signal).then(
      (page) => setEntries(page.items),
      (e: unknown) => !ctl.signal.aborted && setEntriesError(e),
    );
    return () => ctl.abort();
  }, [allowed, kind, reload]);

  // A new catalog starts without the previous one's search and entries.
  const [shownKind, setShownKind] = useState(kind);
  if (shownKind !== kind) {
    setShownKind(kind);
    setEntries(null);
    setSearch('');
  }

  const provinces = useCatalog('province');
  const shown = useMemo(() => filterEntries(entries ?? [], search), [entries, search]);

  // The server's refusal (a built-in entry or one members use can only be retired), wherever the row was.
  const refused = (text: string) => modal.error({ title: t('catalog.refused'), content: text, okText: t('app.close') });

  const changed = () => {
    if (kind) invalidateCatalog(kind);
    setReload((n) => n + 1);
  };

  const toggle = async (e: CatalogEntry) => {
    setBusyCode(e.code);
    try {
      const after = await catalogApi.setRetired(e.catalog, e.code, !e.retired);
      message.success(t(after.retired ? 'catalog.retiredDone' : 'catalog.restoredDone', { name: after.name }));
      changed();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      refused(err.message);
    } finally {
      setBusyCode(null);
    }
  };

  const remove = async (e: CatalogEntry) => {
    setBusyCode(e.code);
    try {
      await catalogApi.remove(e.catalog, e.code);
      message.success(t('catalog.deleted', { name: e.name }));
      changed();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      refused(err.message); // 409: built in or used by members — it can only be retired
    } finally {
      setBusyCode(null);
    }
  };

  if (!allowed) return <Result status="403" title={t('catalog.noAccess')} />;
  if (kindsError) return <ErrorState error={kindsError} onRetry={() => window.location.reload()} />;
  if (!kinds) return <Loading />;

  const columns: ColumnsType<CatalogEntry> = [
    { title: t('catalog.columns.code'), dataIndex: 'code', width: 90 },
    { title: t('catalog.columns.name'), dataIndex: 'name', width: 260, render: (name: string, e) => (e.retired ? <Typography.Text type="secondary">{name}</Typography.Text> : name) },
    {
      title: t('catalog.columns.aliases'),
      dataIndex: 'aliases',
      render: (aliases: string[]) => (
        <Space size={[4, 4]} wrap>
          {aliases.map((a) => (
            <Tag key={a} bordered={false}>
              {a}
            </Tag>
          ))}
        </Space>
      ),
    },
    ...(kind === 'province_pre2025'
      ? [{ title: t('catalog.columns.successor'), dataIndex: 'successor', width: 200, render: (s?: string) => successorLabel(s, provinces) }]
      : []),
    ...(kind === 'commune'
      ? [{ title: t('catalog.columns.parent'), dataIndex: 'parent', width: 220, render: (p?: string) => successorLabel(p, provinces) }]
      : []),
    {
      title: t('catalog.columns.state'),
      key: 'state',
      width: 210,
      render: (_: unknown, e: CatalogEntry) => (
        <Space size={4} wrap>
          {e.builtin ? <Tag color="blue">{t('catalog.builtin')}</Tag> : <Tag color="green">{t('catalog.custom')}</Tag>}
          {e.retired && (
            <Tag color="default" data-testid="retired-tag">
              {t('catalog.retired')}
            </Tag>
          )}
        </Space>
      ),
    },
    ...(editable
      ? [
          {
            title: t('catalog.columns.actions'),
            key: 'actions',
            width: 220,
            render: (_: unknown, e: CatalogEntry) => (
              <Space size={4}>
                <Button size="small" loading={busyCode === e.code} onClick={() => void toggle(e)} data-testid="catalog-toggle">
                  {e.retired ? t('catalog.restore') : t('catalog.retire')}
                </Button>
                <Popconfirm
                  title={t('catalog.deleteConfirm', { name: e.name })}
                  description={<div style={{ maxWidth: 320 }}>{t('catalog.deleteHint')}</div>}
                  okText={t('catalog.delete')}
                  cancelText={t('app.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove(e)}
                >
                  <Button size="small" danger icon={<DeleteOutlined />} disabled={busyCode === e.code} data-testid="catalog-delete">
                    {t('catalog.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <div className="tcxd-page">
      <div className="tcxd-page-head">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('catalog.title')}
        </Typography.Title>
      </div>
      <Row gutter={16}>
        <Col xs={24} lg={6} style={{ marginBottom: 16 }}>
          <Card size="small" title={t('catalog.kinds')} styles={{ body: { padding: 4 } }}>
            <Menu
              mode="inline"
              selectedKeys={kind ? [kind] : []}
              items={kinds.map((k) => ({ key: k.kind, label: k.label }))}
              onClick={({ key }) => navigate(`/catalogs/${key}`)}
              style={{ borderInlineEnd: 'none' }}
              data-testid="catalog-kinds"
            />
          </Card>
        </Col>
        <Col xs={24} lg={18}>
          <Card
            size="small"
            title={catalog?.label}
            extra={
              editable && catalog ? (
                <Space>
                  {kind === 'commune' && (
                    <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="commune-import">
                      {t('catalog.import.open')}
                    </Button>
                  )}
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="catalog-add">
                    {t('catalog.add')}
                  </Button>
                </Space>
              ) : undefined
            }
          >
            {!editable && <Alert type="info" showIcon title={t('catalog.readOnly')} style={{ marginBottom: 12 }} data-testid="catalog-readonly" />}
            <div className="tcxd-toolbar" style={{ marginBottom: 12, alignItems: 'center' }}>
              <Input
                allowClear
                prefix={<SearchOutlined />}
                placeholder={t('catalog.search')}
                aria-label={t('catalog.search')}
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                style={{ maxWidth: 420 }}
                data-testid="catalog-search"
              />
              {entries && (
                <Typography.Text type="secondary" aria-live="polite" data-testid="catalog-count">
                  {t('catalog.count', { n: formatNumber(shown.length) })}
                </Typography.Text>
              )}
            </div>
            {entriesError ? (
              <ErrorState error={entriesError} onRetry={() => setReload((n) => n + 1)} />
            ) : (
              <Table<CatalogEntry>
                rowKey="code"
                size="small"
                columns={columns}
                dataSource={shown}
                loading={entries === null}
                pagination={false}
                scroll={{ x: 900 }}
                locale={{ emptyText: t('catalog.empty') }}
                data-testid="catalog-table"
              />
            )}
          </Card>
        </Col>
      </Row>
      {editable && catalog && (
        <AddEntryModal
          catalog={catalog}
          parents={kind === 'commune' ? provinces : null}
          open={adding}
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            setSearch('');
            changed();
          }}
        />
      )}
      {editable && kind === 'commune' && (
        <CommuneImportModal
          open={importing}
          onClose={() => setImporting(false)}
          onApplied={() => {
            setImporting(false);
            changed();
          }}
        />
      )}
    </div>
  );
}
