export type { SessionDurationFormProps } from '../components/session-duration-form/SessionDurationForm';
export { SessionDurationForm } from '../components/session-duration-form/SessionDurationForm';
