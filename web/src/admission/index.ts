export { AdmissionPage } from './Board';
export { AdmissionCasePage } from './CasePage';
