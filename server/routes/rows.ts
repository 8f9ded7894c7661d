import { Hono } from 'hono';
import { TableName } from '../../lib/model/common';
import { userOf } from '../auth';
import type { AppEnv } from '../context';
import { badRequest, notFound } from '../http-error';
import { wireFields } from '../merge';
import { LIMITS, storableText } from '../protocol';
import { loadRows, rowKey } from '../push-rows';
import type { Storage } from '../storage/open';

/**
 * `GET /v1/rows/:table/:id`: one row of the token's team, its full state. Only the team's own
 * rows are looked up: an id that only another team has is a row that does not exist (404).
 */
export function rowRoutes(storage: Storage): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/:table/:id', async (c) => {
    const table = TableName.safeParse(c.req.param('table'));
    if (!table.success) {
      throw badRequest(`There is no table "${c.req.param('table')}".`, {
        tables: TableName.options,
      });
    }
    const id = c.req.param('id');
    if (id.length > LIMITS.maxIdLength || !storableText(id)) {
      throw badRequest(`An id is at most ${LIMITS.maxIdLength} characters of text.`);
    }
    const row = (await loadRows(storage.db, userOf(c).teamId, [{ table: table.data, id }])).get(
      rowKey(table.data, id),
    );
    if (!row) {
      throw notFound(`There is no ${table.data} row ${id}.`, { table: table.data, id });
    }
    return c.json({
      table: row.table,
      id: row.id,
      version: row.version,
      deleted: row.deleted,
      fields: wireFields(row),
    });
  });
  return app;
}
