import { useCallback, useEffect, useRef, useState } from 'react';
import { type MemberQuery, memberApi } from '../api';
import type { Member } from '../api/types';

export const FIRST_PAGE = 50;
export const NEXT_PAGE = 100;

interface State {
  key: string;
  items: Member[];
  next: string | null;
  total: number | undefined;
  loading: boolean;
  error: unknown;
}

/**
 * Server-side paging of `GET /members` with the keyset cursor: the first page when `query` changes
 * (the previous request is cancelled), then `loadMore()` appends the next page. Each query's first
 * page is timed with the User Timing API (`tcxd:list`), which the browser test reads.
 */
export function useMemberPages(query: MemberQuery | null) {
  const key = query ? JSON.stringify(query) : '';
  const [state, setState] = useState<State>({ key: '', items: [], next: null, total: undefined, loading: false, error: null });
  const busy = useRef(false);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    if (!query) return;
    const ctl = new AbortController();
    busy.current = true;
    setState({ key, items: [], next: null, total: undefined, loading: true, error: null });
    performance.clearMarks('tcxd:list:start');
    performance.mark('tcxd:list:start');
    memberApi.list({ ...query, limit: FIRST_PAGE }, ctl.signal).then(
      (page) => {
        busy.current = false;
        setState({ key, items: page.items, next: page.next, total: page.total, loading: false, error: null });
      },
      (error: unknown) => {
        if (ctl.signal.aborted) return;
        busy.current = false;
        setState((s) => ({ ...s, loading: false, error }));
      },
    );
    return () => ctl.abort();
    // `key` stands for `query`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, reloads]);

  // Mark the moment the first page of this query is on screen (after React has rendered it).
  useEffect(() => {
    if (state.key === key && !state.loading && !state.error && query) {
      requestAnimationFrame(() => {
        if (performance.getEntriesByName('tcxd:list:start').length) {
          performance.measure('tcxd:list', { start: 'tcxd:list:start', detail: { q: query.q ?? '', org: query.org } });
          performance.clearMarks('tcxd:list:start');
        }
      });
    }
  }, [state, key, query]);

  const loadMore = useCallback(() => {
    if (busy.current || !state.next || state.key !== key || !query) return;
    busy.current = true;
    const cursor = state.next;
    setState((s) => ({ ...s, loading: true }));
    memberApi.list({ ...query, limit: NEXT_PAGE, cursor }).then(
      (page) => {
        busy.current = false;
        setState((s) => (s.key !== key ? s : { ...s, items: [...s.items, ...page.items], next: page.next, loading: false }));
      },
      (error: unknown) => {
        busy.current = false;
        setState((s) => (s.key !== key ? s : { ...s, loading: false, error }));
      },
    );
  }, [state.next, state.key, key, query]);

  const current = state.key === key;
  return {
    items: current ? state.items : [],
    next: current ? state.next : null,
    total: current ? state.total : undefined,
    loading: !current || state.loading,
    error: current ? state.error : null,
    loadMore,
    reload: () => setReloads((n) => n + 1),
  };
}
