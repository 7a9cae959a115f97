import { Card, Col, Empty, List, Row, Space } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { OrgHeader } from '../orgs';
import { ErrorState } from './ErrorState';
import { Loading } from './Loading';

interface Props<T extends { id: number }> {
  view: 'supplements' | 'ratings';
  /** The campaigns covering the organization, newest first. */
  load: (orgId: number, signal: AbortSignal) => Promise<{ items: T[] }>;
  title: string;
  empty: string;
  testId: string;
  /** One campaign in the list. */
  item: (c: T) => ReactNode;
  /** The form that opens a campaign (null when the account may not); `opened` chooses the new one. */
  openForm: (orgId: number, opened: (c: T) => void) => ReactNode;
  /** The chosen campaign's board; `changed` reloads the list (after closing). */
  board: (c: T, orgId: number, changed: () => void) => ReactNode;
}

/**
 * The page of an organization's campaigns (yearly supplement, annual rating): the campaigns covering it
 * (opened by it or above it), the form for committees to open one, and the chosen campaign's board
 * (`?c=ID`, else the newest).
 */
export function CampaignPage<T extends { id: number }>({ view, load, title, empty, testId, item, openForm, board }: Props<T>) {
  const orgId = Number(useParams().orgId);
  const [sp, setSp] = useSearchParams();
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [n, setN] = useState(0);

  useEffect(() => {
    const ctl = new AbortController();
    setError(null);
    load(orgId, ctl.signal).then(
      (r) => setItems(r.items),
      (e: unknown) => !ctl.signal.aborted && setError(e),
    );
    return () => ctl.abort();
  }, [orgId, n, load]);

  const choose = (id: number) => setSp({ c: String(id) }, { replace: true });
  const wanted = Number(sp.get('c')) || null;
  const selected = items ? (items.find((c) => c.id === wanted) ?? items[0] ?? null) : null;
  const reload = () => setN((x) => x + 1);

  return (
    <div className="tcxd-page">
      <OrgHeader orgId={orgId} view={view} />
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !items ? (
        <Loading />
      ) : (
        <Row gutter={16}>
          <Col xs={24} lg={7}>
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <Card size="small" title={title}>
                {items.length === 0 ? (
                  <Empty description={empty} />
                ) : (
                  <List
                    data-testid={testId}
                    size="small"
                    dataSource={items}
                    renderItem={(c) => (
                      <List.Item
                        className={`tcxd-dossier-version${selected?.id === c.id ? ' tcxd-dossier-version-current' : ''}`}
                        data-campaign-id={c.id}
                        onClick={() => choose(c.id)}
                      >
                        {item(c)}
                      </List.Item>
                    )}
                  />
                )}
              </Card>
              {openForm(orgId, (c) => {
                choose(c.id);
                reload();
              })}
            </Space>
          </Col>
          <Col xs={24} lg={17}>
            {selected ? board(selected, orgId, reload) : null}
          </Col>
        </Row>
      )}
    </div>
  );
}
