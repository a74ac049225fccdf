export { AnnouncementsIcon, AnnouncementsPage, announcementsPath } from './AnnouncementsPage.tsx';
