export type { DirectorySyncPickerProps } from '../components/directory-sync-picker/DirectorySyncPicker';
export { DirectorySyncPicker } from '../components/directory-sync-picker/DirectorySyncPicker';
