// A run's call by name: "Rust Meetup Berlin — Monthly meetup", or the chat's title when the call
// has none. Names are values: isolated in visible text, plain in attributes.
import { FormattedMessage } from 'react-intl';
import type { T } from '../../i18n/useT';

interface NamedCall {
  title: string | null;
  chatTitle: string;
}

/** For aria-labels: plain text (isolation characters would break accessible-name matching). */
export const callNameText = (t: T, call: NamedCall): string =>
  call.title ? t('runs.call.name', { chat: call.chatTitle, title: call.title }) : call.chatTitle;

export function CallName({ call }: { call: NamedCall }) {
  if (!call.title) return <bdi>{call.chatTitle}</bdi>;
  return <FormattedMessage id="runs.call.name" values={{ chat: <bdi>{call.chatTitle}</bdi>, title: <bdi>{call.title}</bdi> }} />;
}
