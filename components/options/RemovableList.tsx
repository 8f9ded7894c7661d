import type { Translate } from '../types';

export interface RemovableItem {
  /** Unique in the list; also ends the remove button's test id. */
  id: string;
  value: string;
  /** A short qualifier shown after the value, e.g. "domain". */
  tag?: string;
}

interface RemovableListProps<T extends RemovableItem> {
  t: Translate;
  items: T[];
  emptyText: string;
  busy: boolean;
  onRemove(item: T): void;
  /** The list's test id; each button is `<testId>-remove-<id>`. */
  testId: string;
}

/** Addresses or domains, each with a remove button. Values are always left to right. */
export function RemovableList<T extends RemovableItem>({
  t,
  items,
  emptyText,
  busy,
  onRemove,
  testId,
}: RemovableListProps<T>) {
  if (items.length === 0) {
    return (
      <p class="empty" data-testid={`${testId}-empty`}>
        {emptyText}
      </p>
    );
  }
  return (
    <ul class="removable-list" data-testid={testId}>
      {items.map((item) => (
        <li key={item.id} data-testid={`${testId}-item`}>
          <bdi dir="ltr" class="value">
            {item.value}
          </bdi>
          {item.tag && <span class="tag">{item.tag}</span>}
          <button
            type="button"
            class="link-button"
            disabled={busy}
            aria-label={t('options_remove_entry', item.value)}
            data-testid={`${testId}-remove-${item.id}`}
            onClick={() => onRemove(item)}
          >
            {t('options_remove')}
          </button>
        </li>
      ))}
    </ul>
  );
}
