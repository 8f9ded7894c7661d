import { useState } from 'preact/hooks';
import { formatNumber } from '../format';
import { Interpolated } from '../Interpolated';
import type { Translate } from '../types';
import { useAsync } from '../use-async';
import type { SeedCounts } from './types';

interface SeedDemoProps {
  t: Translate;
  locale: string;
  /** The call to action of an empty database, rather than a small secondary button. */
  prominent: boolean;
  onSeed(): Promise<SeedCounts>;
}

/**
 * Loads the bundled demo dataset. Loading is idempotent, so the button stays available once the
 * database has customers; it stays in one place in the tree so its result survives the switch.
 */
export function SeedDemo({ t, locale, prominent, onSeed }: SeedDemoProps) {
  const { busy, error, run } = useAsync();
  const [result, setResult] = useState<SeedCounts | null>(null);
  const seed = () =>
    void run(async () => {
      setResult(null);
      setResult(await onSeed());
    });
  return (
    <div class={prominent ? 'popup-seed popup-seed-prominent' : 'popup-seed'}>
      <button
        type="button"
        class={prominent ? 'button-primary' : 'button-secondary'}
        disabled={busy}
        aria-busy={busy}
        data-testid="popup-seed-demo"
        onClick={seed}
      >
        {busy ? t('popup_seed_busy') : t('popup_seed_demo')}
      </button>
      <div aria-live="polite">
        {result && !busy && (
          <p class="popup-note" data-testid="popup-seed-result">
            <Interpolated
              t={t}
              k="popup_seed_result"
              values={[
                formatNumber(result.customers, locale),
                formatNumber(result.interactions, locale),
              ]}
            />
          </p>
        )}
      </div>
      {error !== null && (
        <p class="popup-error" role="alert" data-testid="popup-seed-error">
          <Interpolated t={t} k="popup_seed_error" values={[error]} />
        </p>
      )}
    </div>
  );
}
