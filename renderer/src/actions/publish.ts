// Publishing by hand: the draft is checked with the shared schema, sent with
// publish or tryPublish, and followed in the history until acked or failed.
import type { CommandInput } from '../../../shared/schemas.js';
import { publishCommand } from '../../../shared/schemas.js';
import { problemsFromService, problemsFromZod, type FieldProblem } from '../forms/problems.js';
import { service } from '../service/current.js';
import type { PublishDraft } from '../store/slices/publish.js';
import { useGauge } from '../store/store.js';

/** The command a draft becomes; MQTT 5 properties only when `v5` and set. */
export function commandFromDraft(draft: PublishDraft, v5: boolean): CommandInput<'publish'> {
  const command: CommandInput<'publish'> = {
    mode: draft.mode,
    topic: draft.topic,
    qos: draft.qos,
    retain: draft.retain,
    payload: draft.payload,
    format: draft.format,
  };
  if (!v5) return command;
  const properties: NonNullable<CommandInput<'publish'>['properties']> = {};
  if (draft.contentType !== '') properties.contentType = draft.contentType;
  if (draft.responseTopic !== '') properties.responseTopic = draft.responseTopic;
  if (draft.messageExpiry.trim() !== '') properties.messageExpiryInterval = Number(draft.messageExpiry);
  const named = draft.userProperties.filter((property) => property.name !== '');
  if (named.length > 0) properties.userProperties = Object.fromEntries(named.map((property) => [property.name, property.value]));
  if (Object.keys(properties).length > 0) command.properties = properties;
  return command;
}

/** Checks a draft as the service will; problems name the draft's fields ("properties.messageExpiryInterval" → "messageExpiry"). */
export function checkDraft(draft: PublishDraft, v5: boolean): FieldProblem[] {
  const parsed = publishCommand.safeParse(commandFromDraft(draft, v5));
  return parsed.success ? [] : problemsFromZod(parsed.error).map(toDraftField);
}

function toDraftField(problem: FieldProblem): FieldProblem {
  const field = problem.field
    .replace(/^properties\.messageExpiryInterval$/, 'messageExpiry')
    .replace(/^properties\.contentType$/, 'contentType')
    .replace(/^properties\.responseTopic$/, 'responseTopic')
    .replace(/^properties\.userProperties.*$/, 'userProperties');
  return { ...problem, field };
}

/**
 * Publishes `draft`. Invalid drafts are not sent (the problems come back);
 * a sent one is recorded in the history and followed there.
 */
export async function publishDraft(draft: PublishDraft, v5: boolean): Promise<FieldProblem[]> {
  const problems = checkDraft(draft, v5);
  if (problems.length > 0) return problems;
  const store = useGauge.getState();
  const seq = store.recordSending(draft);
  const result = await service().publish(commandFromDraft(draft, v5));
  if (!result.ok) {
    const refused = problemsFromService(result.error).map(toDraftField);
    useGauge.getState().recordRefused(seq, refused, result.error.message);
    return refused;
  }
  useGauge.getState().recordAccepted(seq, result.value);
  return [];
}
