import { SearchOutlined } from '@ant-design/icons';
import { Alert, DatePicker, Empty, Input, Tooltip, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api/client';
import { matchesWords } from '../common/text';
import { useDebounced } from '../common/useDebounced';
import { t } from '../i18n';
import { AsOfTree, OrgNodeTitle } from './AsOfTree';
import { type OrgStore, useOrgStore } from './orgStore';
import { DATE_FORMATS, isoDay } from '../common/dateInput';


interface Props {
  selectedId: number | null;
  onSelect: (id: number) => void;
  height: number;
}

function buildNodes(store: OrgStore, ids: number[], keep: ((id: number) => boolean) | null): DataNode[] {
  const out: DataNode[] = [];
  for (const id of ids) {
    const o = store.get(id);
    if (!o) continue;
    const kids = store.children(id);
    const children = kids ? buildNodes(store, kids, keep) : undefined;
    if (keep && !keep(id) && !(children && children.length)) continue;
    out.push({ key: String(id), title: o.name, isLeaf: !o.has_children, children });
  }
  return out;
}

export function OrgTree({ selectedId, onSelect, height }: Props) {
  const store = useOrgStore();
  const [error, setError] = useState<ApiError | null>(null);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [search, setSearch] = useState('');
  const query = useDebounced(search, 200);
  // A past date: the tree of that day (structure and counts) instead of today's.
  const [asOfDate, setAsOfDate] = useState<Dayjs | null>(null);
  const asOf = isoDay(asOfDate);

  useEffect(() => {
    let live = true;
    store
      .loadRoots()
      .then(async (ids) => {
        if (!live) return;
        if (ids.length === 1) {
          await store.loadChildren(ids[0]!);
          if (live) setExpanded((e) => [...new Set([...e, String(ids[0])])]);
        }
      })
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e : null));
    return () => {
      live = false;
    };
  }, [store]);

  // Keep the selected organization's branch of the tree open.
  useEffect(() => {
    if (selectedId === null) return;
    const path = store.pathTo(selectedId).slice(0, -1).map(String);
    if (path.length) setExpanded((e) => (path.every((k) => e.includes(k)) ? e : [...new Set([...e, ...path])]));
  }, [selectedId, store]);

  const roots = store.roots();
  // Clearing the box ends the search at once (typing waits for the debounce).
  const searching = search.trim().length > 0 && query.trim().length > 0;
  const treeData = useMemo(() => {
    if (!roots) return [];
    const keep = searching ? (id: number) => matchesWords(store.get(id)?.name ?? '', query) : null;
    return buildNodes(store, roots, keep);
    // store.getVersion() changes whenever nodes are loaded.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [roots, store, store.getVersion(), searching, query]);

  const searchExpanded = useMemo(() => {
    if (!searching) return [];
    const keys: string[] = [];
    const walk = (nodes: DataNode[]) => {
      for (const n of nodes) {
        if (n.children?.length) {
          keys.push(String(n.key));
          walk(n.children);
        }
      }
    };
    walk(treeData);
    return keys;
  }, [searching, treeData]);

  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (roots && roots.length === 0) return <Empty description={t('org.noOrgs')} />;

  return (
    <div className="tcxd-tree" data-testid="org-tree">
      <Tooltip title={t('org.searchHint')} placement="right">
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('org.searchTree')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          aria-label={t('org.searchTree')}
        />
      </Tooltip>
      <Tooltip title={t('org.asOfHint')} placement="right">
        <DatePicker
          allowClear
          value={asOfDate}
          onChange={setAsOfDate}
          format={DATE_FORMATS}
          placeholder={t('org.asOf')}
          aria-label={t('org.asOf')}
          style={{ width: '100%', marginTop: 4 }}
          data-testid="tree-as-of-date"
        />
      </Tooltip>
      {asOf ? (
        <div data-testid="org-tree-as-of">
          <Typography.Text type="secondary">{t('org.asOfBanner', { date: asOfDate!.format('DD/MM/YYYY') })}</Typography.Text>
          {(roots ?? []).map((id) => (
            <AsOfTree key={`${id}-${asOf}`} orgId={id} asOf={asOf} onSelect={onSelect} height={height} />
          ))}
        </div>
      ) : searching && treeData.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.noMatch')} />
      ) : (
        <Tree
          blockNode
          showIcon={false}
          height={height}
          treeData={treeData}
          expandedKeys={searching ? searchExpanded : expanded}
          onExpand={(keys) => !searching && setExpanded(keys.map(String))}
          selectedKeys={selectedId === null ? [] : [String(selectedId)]}
          onSelect={(keys) => {
            const k = keys[0];
            if (k !== undefined) onSelect(Number(k));
          }}
          loadData={async (node) => {
            await store.loadChildren(Number(node.key));
          }}
          titleRender={(node) => {
            const o = store.get(Number(node.key));
            return o ? <OrgNodeTitle org={o} /> : String(node.title);
          }}
        />
      )}
    </div>
  );
}
