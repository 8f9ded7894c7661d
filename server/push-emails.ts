import { sql, type Transaction } from 'kysely';
import type { RowState } from './merge';
import type { Database } from './storage/schema';

/**
 * The team's email → live customer index (`customer_emails`, keyed by team and email), as a
 * push sees and changes it. Loaded for the addresses a push can touch, changed in memory as
 * mutations are applied, and written back once.
 */
export class EmailOwners {
  private readonly current = new Map<string, string | null>();

  constructor(private readonly loaded: ReadonlyMap<string, string>) {
    for (const [email, id] of loaded) this.current.set(email, id);
  }

  get(email: string): string | null | undefined {
    return this.current.get(email);
  }

  set(email: string, customerId: string | null): void {
    this.current.set(email, customerId);
  }

  /** Addresses whose owner changed: freed (null) or claimed. */
  changes(): Array<[string, string | null]> {
    return [...this.current].filter(([email, id]) => (this.loaded.get(email) ?? null) !== id);
  }
}

/** A customer's addresses, normalised, while it is live (not deleted, not merged away). */
export function customerEmails(row: RowState, opts: { evenIfGone?: boolean } = {}): string[] {
  const merged = row.fields.mergedInto?.value;
  const gone = row.deleted || (typeof merged === 'string' && merged !== '');
  if (gone && !opts.evenIfGone) return [];
  const emails = row.fields.emails?.value;
  if (!Array.isArray(emails)) return [];
  return emails.filter((e): e is string => typeof e === 'string').map(normalizeEmail);
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function loadEmailOwners(
  tx: Transaction<Database>,
  teamId: string,
  emails: readonly string[],
): Promise<EmailOwners> {
  if (emails.length === 0) return new EmailOwners(new Map());
  // One jsonb parameter however many addresses: PGlite breaks on 32,768+ bind parameters.
  const found = await sql<{ email: string; customer_id: string }>`
    select email, customer_id from customer_emails
    where team_id = ${teamId}
      and email in (select jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb))`.execute(
    tx,
  );
  return new EmailOwners(new Map(found.rows.map((r) => [r.email, r.customer_id])));
}

export async function saveEmailOwners(
  tx: Transaction<Database>,
  teamId: string,
  owners: EmailOwners,
): Promise<void> {
  const changes = owners.changes();
  if (changes.length === 0) return;
  // Every changed address is deleted, then the claimed ones inserted: a freed address and
  // one moved from one customer to another take the same two statements.
  await sql`
    delete from customer_emails
    where team_id = ${teamId}
      and email in (select jsonb_array_elements_text(${JSON.stringify(
        changes.map(([email]) => email),
      )}::jsonb))`.execute(tx);
  const claimed = changes
    .filter(([, id]) => id !== null)
    .map(([email, customer_id]) => ({ email, customer_id }));
  if (claimed.length === 0) return;
  await sql`
    insert into customer_emails (team_id, email, customer_id)
    select ${teamId}, x.email, x.customer_id
    from jsonb_to_recordset(${JSON.stringify(claimed)}::jsonb) as x(email text, customer_id text)`.execute(
    tx,
  );
}
