export { TransferBoardPage } from './Board';
export { TransferCasePage } from './CasePage';
export { TransferCreatePage } from './Create';
