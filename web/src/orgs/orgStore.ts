// The organizations the app has seen: the tree's nodes (loaded level by level through /children) and
// the branches named in member lists. One store for the whole session, read with `useOrgStore`.
import { useSyncExternalStore } from 'react';
import { orgApi } from '../api';
import type { OrgView } from '../api/types';

export class OrgStore {
  private orgs = new Map<number, OrgView>();
  private kids = new Map<number, number[]>();
  private rootIds: number[] | null = null;
  private pending = new Set<number>();
  private listeners = new Set<() => void>();
  private version = 0;

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  getVersion = () => this.version;

  private changed() {
    this.version += 1;
    for (const fn of this.listeners) fn();
  }

  get(id: number): OrgView | undefined {
    return this.orgs.get(id);
  }
  children(id: number): number[] | undefined {
    return this.kids.get(id);
  }
  roots(): number[] | null {
    return this.rootIds;
  }

  put(o: OrgView) {
    this.orgs.set(o.id, o);
    this.changed();
  }

  private rootsLoading: Promise<number[]> | null = null;

  /** The roots visible to the account (one request however many callers ask at once). */
  loadRoots(): Promise<number[]> {
    if (this.rootIds) return Promise.resolve(this.rootIds);
    this.rootsLoading ??= orgApi.roots().then(
      (page) => {
        for (const o of page.items) this.orgs.set(o.id, o);
        this.rootIds = page.items.map((o) => o.id);
        this.rootsLoading = null;
        this.changed();
        return this.rootIds;
      },
      (e: unknown) => {
        this.rootsLoading = null;
        throw e;
      },
    );
    return this.rootsLoading;
  }

  async loadChildren(id: number): Promise<number[]> {
    const cached = this.kids.get(id);
    if (cached) return cached;
    const page = await orgApi.children(id);
    for (const o of page.items) this.orgs.set(o.id, o);
    const ids = page.items.map((o) => o.id);
    this.kids.set(id, ids);
    this.changed();
    return ids;
  }

  /** Fetches the organizations of `ids` not yet known, four at a time (for branch names in lists). */
  async ensure(ids: number[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.orgs.has(id) && !this.pending.has(id));
    await this.fetch(missing);
  }

  /**
   * Fetches `id` again with the organizations above it and the loaded ones under it: the counts that
   * an import into `id` changes. One that cannot be read any more keeps what the store had.
   */
  async refreshAround(id: number): Promise<void> {
    const ids = new Set([...this.pathTo(id), id]);
    const below = (k: number) => {
      for (const c of this.kids.get(k) ?? []) {
        ids.add(c);
        below(c);
      }
    };
    below(id);
    await this.fetch([...ids].filter((k) => !this.pending.has(k)));
  }

  private async fetch(ids: number[]): Promise<void> {
    for (const id of ids) this.pending.add(id);
    const queue = [...ids];
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        try {
          this.orgs.set(id, await orgApi.get(id));
        } catch {
          // Out of scope or gone: the list shows the id instead of a name.
        } finally {
          this.pending.delete(id);
        }
      }
      this.changed();
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
  }

  /** Ids from a root down to `id`, as far as the loaded tree knows (for expanding the tree). */
  pathTo(id: number): number[] {
    const out: number[] = [];
    for (let o = this.orgs.get(id); o; o = o.parent_id ? this.orgs.get(o.parent_id) : undefined) out.unshift(o.id);
    return out;
  }

  clear() {
    this.orgs.clear();
    this.kids.clear();
    this.rootIds = null;
    this.rootsLoading = null;
    this.changed();
  }
}

export const orgStore = new OrgStore();

/** Re-renders the caller whenever the store changes; returns the store. */
export function useOrgStore(): OrgStore {
  useSyncExternalStore(orgStore.subscribe, orgStore.getVersion);
  return orgStore;
}
