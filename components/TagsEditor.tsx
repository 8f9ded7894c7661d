import { useState } from 'preact/hooks';
import { ErrorNote } from './ErrorNote';
import { Section } from './Section';
import type { Translate } from './types';
import { useAsync } from './use-async';

interface TagsEditorProps {
  tags: string[];
  /** Saves the whole new list. */
  onChange(tags: string[]): Promise<void>;
  t: Translate;
}

const MAX_TAGS = 100;
const MAX_TAG_LENGTH = 60;

export function TagsEditor({ tags, onChange, t }: TagsEditorProps) {
  const [draft, setDraft] = useState('');
  const { busy, error, run } = useAsync();

  const add = async () => {
    const tag = draft.trim();
    if (!tag) return;
    if (tags.some((x) => x.toLocaleLowerCase() === tag.toLocaleLowerCase())) {
      setDraft('');
      return;
    }
    if (tags.length >= MAX_TAGS) return;
    if (await run(() => onChange([...tags, tag]))) setDraft('');
  };

  return (
    <Section title={t('tags_title')} testId="tags">
      <ul class="chips">
        {tags.map((tag) => (
          <li key={tag} class="chip" data-testid="tag">
            <bdi dir="auto">{tag}</bdi>
            <button
              type="button"
              class="chip-remove"
              aria-label={t('tag_remove', tag)}
              title={t('tag_remove', tag)}
              disabled={busy}
              data-testid={`tag-remove-${tag}`}
              onClick={() => void run(() => onChange(tags.filter((x) => x !== tag)))}
            >
              {'\u00D7'}
            </button>
          </li>
        ))}
      </ul>
      <input
        class="tag-input"
        dir="auto"
        maxLength={MAX_TAG_LENGTH}
        placeholder={t('tag_add_placeholder')}
        aria-label={t('tag_add_placeholder')}
        value={draft}
        // Read-only rather than disabled while saving, so typing focus stays put.
        readOnly={busy}
        disabled={tags.length >= MAX_TAGS}
        data-testid="tag-input"
        onInput={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          // Enter that confirms an input-method composition is not "add".
          if (e.key === 'Enter' && !e.isComposing) {
            e.preventDefault();
            void add();
          }
        }}
      />
      <ErrorNote t={t} message={error} />
    </Section>
  );
}
