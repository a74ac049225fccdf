export { TransferSettingsEdit, TransferSettingsShow, transfersInLedger } from './TransferSettings.tsx';
