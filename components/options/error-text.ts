import type { KesherError } from '../../lib/messaging/protocol';

interface FieldIssue {
  path: string;
  message: string;
}

function isFieldIssues(details: unknown): details is FieldIssue[] {
  return (
    Array.isArray(details) &&
    details.every(
      (d) =>
        d !== null &&
        typeof d === 'object' &&
        typeof (d as FieldIssue).path === 'string' &&
        typeof (d as FieldIssue).message === 'string',
    )
  );
}

/**
 * The text to show for a failed answer. An invalid-input message names only its first field;
 * when several were refused, every one is listed ("currency: …; phoneRegion: …").
 */
export function errorText(error: KesherError): string {
  if (error.code === 'invalid-input' && isFieldIssues(error.details) && error.details.length > 1) {
    return error.details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ');
  }
  return error.message;
}
