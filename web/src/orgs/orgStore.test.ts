import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { OrgView, Page } from '../api/types';

const org = (id: number, parent_id: number | null, members: number) =>
  ({ id, parent_id, name: `Tổ chức ${id}`, counts: { members } }) as unknown as OrgView;
const page = (items: OrgView[]): Page<OrgView> => ({ items, next: null });

// The tree 1 → {2 → {4, 5}, 3}; a second answer of `get` carries the counts after an import.
const counts = new Map<number, number>([[1, 10], [2, 6], [3, 4], [4, 3], [5, 3]]);
const get = vi.fn(async (id: number) => org(id, id === 1 ? null : id <= 3 ? 1 : 2, counts.get(id)!));
vi.mock('../api', () => ({
  orgApi: {
    roots: async () => page([org(1, null, 10)]),
    children: async (id: number) => page(id === 1 ? [org(2, 1, 6), org(3, 1, 4)] : id === 2 ? [org(4, 2, 3), org(5, 2, 3)] : []),
    get: (id: number) => get(id),
  },
}));

const { OrgStore } = await import('./orgStore');

describe('OrgStore.refreshAround', () => {
  beforeEach(() => get.mockClear());

  it('fetches the organization, those above it and the loaded ones under it, not its siblings', async () => {
    const store = new OrgStore();
    await store.loadRoots();
    await store.loadChildren(1);
    await store.loadChildren(2);
    counts.set(1, 13).set(2, 9).set(4, 6);
    await store.refreshAround(2);
    expect(get.mock.calls.map((c) => c[0]).sort()).toEqual([1, 2, 4, 5]);
    expect(store.get(1)?.counts.members).toBe(13);
    expect(store.get(2)?.counts.members).toBe(9);
    expect(store.get(4)?.counts.members).toBe(6);
    expect(store.get(3)?.counts.members).toBe(4);
  });

  it('keeps what it had when an organization cannot be read any more', async () => {
    const store = new OrgStore();
    await store.loadRoots();
    get.mockRejectedValueOnce(new Error('gone'));
    await store.refreshAround(1);
    expect(store.get(1)?.name).toBe('Tổ chức 1');
  });
});
