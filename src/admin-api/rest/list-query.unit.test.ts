import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpError } from '../http/http-error.ts';
import { filterSchema, flag, instant, intValue, oneOrMany } from './filters.ts';
import { type ListSpec, parseListQuery } from './list-query.ts';
import { prismaOrderBy } from './order-by.ts';

const spec: ListSpec<{ id?: number[]; active?: boolean; after?: Date }> = {
  sortable: { id: 'id', name: 'name', taskTitle: 'task.title' },
  defaultSort: { field: 'id', order: 'desc' },
  filter: filterSchema({ id: oneOrMany(intValue), active: flag, after: instant }),
};

function refusal(query: Record<string, string>): HttpError {
  try {
    parseListQuery(query, spec);
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parseListQuery', () => {
  it('reads react-admin sort, range and filter', () => {
    expect(
      parseListQuery(
        { sort: '["name","ASC"]', range: '[25,49]', filter: '{"active":"true","id":3,"after":"2026-01-02"}' },
        spec,
      ),
    ).toEqual({
      sort: { field: 'name', order: 'asc' },
      skip: 25,
      take: 25,
      filter: { active: true, id: [3], after: new Date('2026-01-02') },
    });
  });

  it('defaults to the first page, and to every id asked for by getMany', () => {
    expect(parseListQuery({}, spec)).toEqual({ sort: spec.defaultSort, skip: 0, take: 25, filter: {} });
    expect(parseListQuery({ filter: '{"id":[1,"2"]}' }, spec)).toMatchObject({
      take: 500,
      filter: { id: [1, 2] },
    });
  });

  it('refuses what it cannot answer exactly, per parameter', () => {
    expect(refusal({ sort: '["secret","ASC"]' }).fields).toEqual({
      'sort.field': 'cannot sort by this field; sortable fields: id, name, taskTitle',
    });
    expect(refusal({ range: '[0,500]' }).fields.range).toContain('at most 500 rows');
    expect(refusal({ range: '[0' }).fields.range).toContain('not valid JSON');
    expect(refusal({ filter: '{"colour":"red"}' }).fields.filter).toBe(
      'cannot filter by colour; filters: id, active, after',
    );
    expect(refusal({ filter: '{"after":"soon"}' }).fields['filter.after']).toContain('must be a date');
    expect(refusal({ filter: '{"id":99999999999}' }).fields['filter.id']).toContain('at most 2147483647');
    expect(refusal({ filter: '{"after":"-271821-04-20"}' }).fields['filter.after']).toBe(
      'must be a date between 0001-01-01 and 9999-12-31',
    );
    const error = refusal({ sort: '["name","UP"]', range: '[3,1]' });
    expect(error.status).toBe(400);
    expect(error.message).toMatch(
      /^Bad list request: sort.order: .*; range: the last row comes before the first$/,
    );
  });
});

describe('prismaOrderBy', () => {
  it('orders by the whitelisted path, then the id', () => {
    expect(prismaOrderBy({ taskTitle: 'task.title' }, { field: 'taskTitle', order: 'asc' })).toEqual([
      { task: { title: 'asc' } },
      { id: 'asc' },
    ]);
    expect(prismaOrderBy({ id: 'id' }, { field: 'id', order: 'desc' })).toEqual([{ id: 'desc' }]);
    expect(prismaOrderBy({ id: 'playerId' }, { field: 'id', order: 'desc' }, 'playerId')).toEqual([
      { playerId: 'desc' },
    ]);
  });
});

describe('filters', () => {
  it('accept what form controls send', () => {
    const schema = z.object({ on: flag, ids: oneOrMany(intValue) });
    expect(schema.parse({ on: 'false', ids: '7' })).toEqual({ on: false, ids: [7] });
    expect(schema.safeParse({ on: 'yes' }).success).toBe(false);
  });
});
