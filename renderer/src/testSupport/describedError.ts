/** The alert an input's aria-describedby names: the error tied to that field, if any. */
export const describedError = (input: HTMLElement): HTMLElement | undefined =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id))
    .find((el): el is HTMLElement => el?.getAttribute('role') === 'alert');
