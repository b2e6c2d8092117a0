// The run in pictures (issue 12 item 2): its outcomes as one stacked bar, and a timeline of
// invites sent and joins per minute with Telegram's flood waits shaded. Plain SVG coloured from
// the theme's custom properties (light and dark); each picture is a figure whose legend says in
// words what the colours mean, with its numbers as text for screen readers (the SVG is hidden).
import { useId, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { PersonOutcome, RunHeader } from '../../../../shared/domain/invite';
import { useT } from '../../i18n/useT';
import { useFormat } from '../../lib/format';
import { useStore } from '../../store';
import { outcomeSegments, runTimeline, timelineText, type Timeline } from './runCharts';

export function RunCharts() {
  const header = useStore((s) => s.run?.header);
  const people = useStore((s) => s.run?.people);
  if (!header || !people || header.total === 0) return null;
  return (
    <div className="run-charts">
      <OutcomeBar header={header} />
      <RunTimeline header={header} people={people} />
    </div>
  );
}

function OutcomeBar({ header }: { header: RunHeader }) {
  const id = useId();
  const t = useT();
  const segments = outcomeSegments(t, header);
  const width = Math.max(1, header.total);
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="chart__caption">
        {t('runs.charts.outcomes')}
      </figcaption>
      <svg className="chart__bar" viewBox={`0 0 ${width} 10`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <rect className="chart__track" x={0} y={0} width={width} height={10} />
        {segments.map((segment) =>
          segment.count > 0 ? (
            <rect key={segment.key} className={`chart__mark chart-key--${segment.key}`} x={segment.offset} y={0} width={segment.count} height={10} />
          ) : null,
        )}
      </svg>
      <ul className="chart-legend">
        {segments.map((segment) => (
          <li key={segment.key} className={`chart-legend__item chart-key--${segment.key}`}>
            <span className="chart-legend__swatch" aria-hidden="true" />
            <FormattedMessage
              id="runs.charts.legendItem"
              values={{
                label: segment.label,
                count: segment.count,
                share: segment.share / 100,
                b: (chunks: ReactNode[]) => <strong>{chunks}</strong>,
              }}
            />
          </li>
        ))}
      </ul>
    </figure>
  );
}

const VIEW_HEIGHT = 100;
const BUCKET_WIDTH = 10;

function RunTimeline({ header, people }: { header: RunHeader; people: readonly PersonOutcome[] }) {
  const id = useId();
  const t = useT();
  const format = useFormat();
  const timeline = runTimeline(header, people);
  if (!timeline.any) return null;
  const { buckets, peak, start, end, floodWaits, minutes } = timeline;
  const width = buckets.length * BUCKET_WIDTH;
  const xOf = (t: number) => ((t - start) / (end - start)) * width;
  const heightOf = (n: number) => (n / peak) * (VIEW_HEIGHT - 4);
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="chart__caption">
        {t('runs.charts.timeline')}
      </figcaption>
      <p className="chart__scale muted" aria-hidden="true">
        {t('runs.charts.scale', { count: peak, minutes })}
      </p>
      <svg className="chart__timeline" viewBox={`0 0 ${width} ${VIEW_HEIGHT}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
        {floodWaits.map((span) => (
          <rect key={span.from} className="chart__flood" x={xOf(span.from)} y={0} width={Math.max(width / 400, xOf(span.to) - xOf(span.from))} height={VIEW_HEIGHT} />
        ))}
        {buckets.map((bucket, i) => (
          <g key={bucket.start}>
            {bucket.invited > 0 ? (
              <rect className="chart__mark chart-key--invited" x={i * BUCKET_WIDTH + 1} y={VIEW_HEIGHT - heightOf(bucket.invited)} width={4} height={heightOf(bucket.invited)} />
            ) : null}
            {bucket.joined > 0 ? (
              <rect className="chart__mark chart-key--joined" x={i * BUCKET_WIDTH + 5} y={VIEW_HEIGHT - heightOf(bucket.joined)} width={4} height={heightOf(bucket.joined)} />
            ) : null}
          </g>
        ))}
        <line className="chart__axis-line" x1={0} x2={width} y1={VIEW_HEIGHT} y2={VIEW_HEIGHT} />
      </svg>
      <div className="chart__axis" aria-hidden="true">
        <span>{format.time(start)}</span>
        <span>{format.time(end)}</span>
      </div>
      <ul className="chart-legend" aria-hidden="true">
        <li className="chart-legend__item chart-key--invited">
          <span className="chart-legend__swatch" /> {t('runs.charts.legendInvited', { minutes })}
        </li>
        <li className="chart-legend__item chart-key--joined">
          <span className="chart-legend__swatch" /> {t('runs.charts.legendJoined', { minutes })}
        </li>
        {floodWaits.length > 0 ? (
          <li className="chart-legend__item chart-key--flood">
            <span className="chart-legend__swatch" /> {t('runs.charts.legendFlood')}
          </li>
        ) : null}
      </ul>
      <p className="chart__note">{timelineText(t, format, timeline)}</p>
      <TimelineTable timeline={timeline} />
    </figure>
  );
}

/** The timeline's numbers as a table (for screen readers): each period with anything in it, and each wait. */
function TimelineTable({ timeline }: { timeline: Timeline }) {
  const t = useT();
  const format = useFormat();
  const rows = timeline.buckets.filter((b) => b.invited > 0 || b.joined > 0 || b.floodWait);
  return (
    <div className="visually-hidden">
      <table>
        <caption>{t('runs.charts.tableCaption', { minutes: timeline.minutes })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('runs.charts.col.from')}</th>
            <th scope="col">{t('runs.charts.col.invited')}</th>
            <th scope="col">{t('runs.charts.col.joined')}</th>
            <th scope="col">{t('runs.charts.col.floodWait')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((b) => (
            <tr key={b.start}>
              <th scope="row">{format.time(b.start)}</th>
              <td>{format.count(b.invited)}</td>
              <td>{format.count(b.joined)}</td>
              <td>{b.floodWait ? t('runs.charts.yes') : t('runs.charts.no')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {timeline.floodWaits.length > 0 ? (
        <ul aria-label={t('runs.charts.floodWaits')}>
          {timeline.floodWaits.map((span) => (
            <li key={span.from}>
              {t('runs.charts.floodWaitItem', { from: format.time(span.from), duration: format.duration((span.to - span.from) / 1000) })}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
