export { RankRoleSettingsEdit, RankRoleSettingsShow } from './RankRoleSettings.tsx';
