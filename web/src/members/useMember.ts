import { useCallback, useEffect, useState } from 'react';
import { memberApi } from '../api';
import type { Member } from '../api/types';

/** Loads one member; `reload()` fetches it again, `set()` replaces it after a save. */
export function useMember(id: number) {
  const [state, setState] = useState<{ id: number; member: Member | null; error: unknown }>({ id, member: null, error: null });
  const [n, setN] = useState(0);
  useEffect(() => {
    const ctl = new AbortController();
    setState({ id, member: null, error: null });
    memberApi.get(id, ctl.signal).then(
      (member) => setState({ id, member, error: null }),
      (error: unknown) => !ctl.signal.aborted && setState({ id, member: null, error }),
    );
    return () => ctl.abort();
  }, [id, n]);
  const reload = useCallback(() => setN((x) => x + 1), []);
  const set = useCallback((member: Member) => setState({ id: member.id, member, error: null }), []);
  const current = state.id === id;
  return { member: current ? state.member : null, error: current ? state.error : null, reload, set };
}
