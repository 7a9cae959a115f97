// Annual rating screens (issue #6), loaded on demand.
import { lazy } from 'react';

export const RatingBoardPage = lazy(() => import('./Board'));
export const RatingBranchPage = lazy(() => import('./Branch'));
export const RatingReportPage = lazy(() => import('./Report'));
export const RatingMinePage = lazy(() => import('./Mine'));
