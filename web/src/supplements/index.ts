// Yearly dossier supplement screens, loaded on demand.
import { lazy } from 'react';

export const SupplementList = lazy(() => import('./List'));
