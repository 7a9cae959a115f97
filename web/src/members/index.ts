// Member screens, loaded on demand (each is its own chunk).
import { lazy } from 'react';

export const MemberList = lazy(() => import('./List'));
export const MemberShow = lazy(() => import('./Show'));
export const MemberEdit = lazy(() => import('./Edit'));
export const MemberCreate = lazy(() => import('./Create'));
export const MemberImport = lazy(() => import('./Import'));
export const DossierEdit = lazy(() => import('./DossierEdit'));
