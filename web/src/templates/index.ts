// The document templates screen (mẫu văn bản), loaded on demand.
import { lazy } from 'react';

export const TemplatesPage = lazy(() => import('./Templates'));
