// A call by name: "Rust Meetup Berlin — Monthly meetup", or the chat's title when the call has
// none, from a call summary or a run's call. Names are values: isolated in visible text, plain in
// attributes.
import { FormattedMessage } from 'react-intl';
import type { T } from '../i18n/useT';

type NamedCall = { title: string | null; chatTitle: string } | { title: string | null; chat: { title: string } };

const chatTitleOf = (call: NamedCall): string => ('chat' in call ? call.chat.title : call.chatTitle);

/** For aria-labels: plain text (isolation characters would break accessible-name matching). */
export const callNameText = (t: T, call: NamedCall): string =>
  call.title ? t('common.callName', { chat: chatTitleOf(call), title: call.title }) : chatTitleOf(call);

export function CallName({ call }: { call: NamedCall }) {
  if (!call.title) return <bdi>{chatTitleOf(call)}</bdi>;
  return <FormattedMessage id="common.callName" values={{ chat: <bdi>{chatTitleOf(call)}</bdi>, title: <bdi>{call.title}</bdi> }} />;
}
