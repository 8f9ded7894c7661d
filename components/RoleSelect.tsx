import type { DecisionRole } from '../lib/model';
import { DECISION_ROLES } from '../lib/model/constants';
import type { Translate } from './types';

interface RoleSelectProps {
  value: DecisionRole | undefined;
  onChange(role: DecisionRole | undefined): void;
  t: Translate;
  label: string;
  testId: string;
  disabled?: boolean;
  /** Offer "no role" as a choice (the add form); otherwise it is only a placeholder. */
  allowNone?: boolean;
}

function isRole(value: string): value is DecisionRole {
  return (DECISION_ROLES as readonly string[]).includes(value);
}

/** A contact's part in buying decisions. */
export function RoleSelect(props: RoleSelectProps) {
  const { value, onChange, t, label, testId, disabled, allowNone } = props;
  return (
    <select
      class="role-select"
      aria-label={label}
      data-testid={testId}
      value={value ?? ''}
      disabled={disabled}
      onChange={(e) => {
        const next = e.currentTarget.value;
        onChange(isRole(next) ? next : undefined);
      }}
    >
      {(allowNone || value === undefined) && (
        <option value="" disabled={!allowNone}>
          {t('role_none')}
        </option>
      )}
      {DECISION_ROLES.map((role) => (
        <option key={role} value={role}>
          {t(`role_${role}`)}
        </option>
      ))}
    </select>
  );
}
