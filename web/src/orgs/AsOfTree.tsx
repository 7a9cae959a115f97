import { ApartmentOutlined } from '@ant-design/icons';
import { Alert, Empty, Spin, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useCallback, useEffect, useState } from 'react';
import { orgApi } from '../api';
import { ApiError } from '../api/client';
import type { OrgAsOf } from '../api/types';
import { formatNumber } from '../format';
import { t } from '../i18n';

interface Props {
  orgId: number;
  /** YYYY-MM-DD */
  asOf: string;
  onSelect?: (id: number) => void;
  height?: number;
}

/** A tree node's label: the organization's name and its counted members (today's or of a past day). */
export function OrgNodeTitle({ org }: { org: Pick<OrgAsOf, 'id' | 'name' | 'code' | 'kind_label' | 'holds_members' | 'counts'> }) {
  return (
    <span className="tcxd-tree-node" data-org-id={org.id} title={`${org.kind_label} · ${org.code}`}>
      {org.holds_members ? null : <ApartmentOutlined className="tcxd-tree-icon" />}
      <span className="tcxd-tree-name">{org.name}</span>
      <span className="tcxd-tree-count" aria-label={`${formatNumber(org.counts.members)} ${t('org.members')}`}>
        {formatNumber(org.counts.members)}
      </span>
    </span>
  );
}

function nodeOf(o: OrgAsOf): DataNode {
  return { key: o.id, isLeaf: !o.has_children, title: <OrgNodeTitle org={o} /> };
}

/** The structure under `orgId` as it was on `asOf`: names, parents and member counts of that day, read from the server. */
export function AsOfTree({ orgId, asOf, onSelect, height }: Props) {
  const [nodes, setNodes] = useState<DataNode[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let live = true;
    setError(null);
    setNodes(null);
    orgApi
      .getAsOf(orgId, asOf)
      .then(async (root) => {
        const kids = await orgApi.childrenAsOf(orgId, asOf);
        if (live) setNodes([{ ...nodeOf(root), children: kids.items.map(nodeOf) }]);
      })
      .catch((e: unknown) => {
        if (!live) return;
        setNodes([]);
        if (e instanceof ApiError) setError(e);
      });
    return () => {
      live = false;
    };
  }, [orgId, asOf]);
  const load = useCallback(
    async (node: DataNode) => {
      if (node.children) return;
      const kids = await orgApi.childrenAsOf(Number(node.key), asOf);
      const attach = (list: DataNode[]): DataNode[] =>
        list.map((n) => (n.key === node.key ? { ...n, children: kids.items.map(nodeOf) } : n.children ? { ...n, children: attach(n.children) } : n));
      setNodes((prev) => (prev ? attach(prev) : prev));
    },
    [asOf],
  );
  if (error) return <Alert type="info" showIcon title={error.message} />;
  if (nodes === null) return <Spin />;
  if (!nodes.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Tree
      blockNode
      treeData={nodes}
      loadData={load}
      defaultExpandedKeys={[orgId]}
      height={height}
      selectable={!!onSelect}
      onSelect={(keys) => {
        const k = keys[0];
        if (k !== undefined && onSelect) onSelect(Number(k));
      }}
      data-testid="as-of-tree"
      key={asOf}
    />
  );
}
