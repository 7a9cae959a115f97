// The catalogs screen (danh mục), loaded on demand.
import { lazy } from 'react';

export const CatalogsPage = lazy(() => import('./Catalogs'));
