import { ApartmentOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Empty, Input, Tooltip, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api/client';
import { matchesWords } from '../common/text';
import { useDebounced } from '../common/useDebounced';
import { formatNumber } from '../format';
import { t } from '../i18n';
import { type OrgStore, useOrgStore } from './orgStore';

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
      {searching && treeData.length === 0 ? (
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
            if (!o) return String(node.title);
            return (
              <span className="tcxd-tree-node" data-org-id={o.id} title={`${o.kind_label} · ${o.code}`}>
                {o.holds_members ? null : <ApartmentOutlined className="tcxd-tree-icon" />}
                <span className="tcxd-tree-name">{o.name}</span>
                <span className="tcxd-tree-count" aria-label={`${formatNumber(o.counts.members)} ${t('org.members')}`}>
                  {formatNumber(o.counts.members)}
                </span>
              </span>
            );
          }}
        />
      )}
    </div>
  );
}
