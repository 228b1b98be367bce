/** A mutation's state as the `data-status` every component exposes: `idle | pending | error | success`. */
export function mutationStatus(m: { isPending: boolean; isError: boolean; isSuccess: boolean }) {
  return m.isPending ? 'pending' : m.isError ? 'error' : m.isSuccess ? 'success' : 'idle';
}
