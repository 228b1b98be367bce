/** Strings of the kit's forms and fields: loading, saving, copying, field checks. */
export const formsMessages = {
  loading: 'Loading…',
  close: 'Close',
  save: 'Save',
  saving: 'Saving…',
  saved: 'Saved.',
  copy: 'Copy',
  copyWhat: 'Copy {label}',
  copied: 'Copied to the clipboard.',
  copyFailed: 'Could not copy. Select the text and copy it yourself.',
  required: 'Required.',
  invalidFormat: 'Not in the expected format.',
  tooShort: 'Too short.',
  tooLong: 'Too long.',
};
