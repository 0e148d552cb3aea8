// The overflow policy (block, drop oldest, drop newest), applied as soon as it is chosen, with what it means.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OVERFLOW_POLICIES } from '../../../../shared/domain.js';
import { applyPolicy } from '../../actions/channel.js';
import type { FieldProblem } from '../../forms/problems.js';
import { useGauge } from '../../store/store.js';
import { FieldError } from '../common/FieldError.js';
import { SegmentedChoice } from '../common/fields.js';

/** The overflow policy, applied as soon as it is chosen, with what it means. */
export function PolicyControl() {
  const { t } = useTranslation();
  const policy = useGauge((s) => s.policy);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  return (
    <div className="tuning-control policy-control">
      <SegmentedChoice
        label={t('tuning.policy')}
        value={policy}
        options={OVERFLOW_POLICIES.map((value) => ({ value, label: t(`policy.${value}`) }))}
        onValue={(value) => void applyPolicy(value).then(setProblems)}
      />
      <p className="field-hint" data-testid="policy-hint">
        {t(`policyHint.${policy}`)}
      </p>
      <FieldError id="policy-error" problem={problems[0]} testId="field-error-policy" />
    </div>
  );
}
