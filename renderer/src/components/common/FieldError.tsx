// The message under a form field that names its problem, translated when the problem carries a catalogue key.
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../../forms/problems.js';

/** The words of a problem, in the reader's language when the catalogue has them. */
export function useProblemText(): (problem: FieldProblem) => string {
  const { t } = useTranslation();
  return (problem) => (problem.key ? t(problem.key, problem.params) : (problem.text ?? ''));
}

/** The message under a field; its id is what the field's aria-describedby points at. */
export function FieldError({ id, problem, testId }: { id: string; problem: FieldProblem | undefined; testId?: string }) {
  const text = useProblemText();
  if (!problem) return null;
  return (
    <p id={id} className="field-error" data-testid={testId}>
      {text(problem)}
    </p>
  );
}
