// The detection lists of an organization (danh sách cần rà soát, issue #7), loaded on demand.
import { lazy } from 'react';

export const WatchlistPage = lazy(() => import('./Watchlist'));
