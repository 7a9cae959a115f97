export { OrgTree } from './OrgTree';
export { orgStore, useOrgStore } from './orgStore';
export { OrgHeader } from './OrgHeader';
