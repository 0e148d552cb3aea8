// One row of the incoming messages table: time, topic, QoS and retain, size, and a payload preview.
import { memo, type CSSProperties } from 'react';
import type { Formatters } from '../../../../shared/format/index.js';
import { decodePayload, type PayloadView } from '../../payload/decode.js';
import type { ShownMessage } from '../../store/slices/messages.js';

/** One received message in the list: time, topic, QoS, size and a one-line preview. */
export const MessageRow = memo(function MessageRow({ message, view, f, selected, onSelect, retainLabel, style }: { message: ShownMessage; view: PayloadView; f: Formatters; selected: boolean; onSelect(seq: number): void; retainLabel: string; style: CSSProperties }) {
  const preview = decodePayload(message.preview, view);
  return (
    <div
      role="row"
      aria-selected={selected}
      className={selected ? 'message-row selected' : 'message-row'}
      style={style}
      onClick={() => onSelect(message.seq)}
      data-topic={message.topic}
    >
      <span role="cell" className="cell-time">{f.clock(message.t)}</span>
      <span role="cell" className="cell-topic" title={message.topic}>
        {message.topic}
      </span>
      <span role="cell" className="cell-qos">
        {message.qos}
        {message.retain ? <span className="retain-badge">{retainLabel}</span> : null}
      </span>
      <span role="cell" className="cell-size">{f.bytes(message.size)}</span>
      <span role="cell" className={`cell-preview as-${preview.shownAs}`}>{preview.text.slice(0, 300)}</span>
    </div>
  );
});
