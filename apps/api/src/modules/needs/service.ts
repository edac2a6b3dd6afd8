import { type PageRequest, pageWindow } from '@cf/shared';
import type { Queryable } from '../../db/client.js';
import { unitOfWork } from '../../db/unit-of-work.js';
import type { ServiceContext } from '../../lib/context.js';
import { badRequest, notFound } from '../../lib/errors.js';
import { found } from '../../lib/found.js';
import { authorize } from '../access/policy.js';
import { unknownWardIds } from '../reference/repository.js';
import { countNeeds, getNeedRow, insertNeed, listNeeds, type NeedInput, updateNeed } from './repository.js';

function checkWard(q: Queryable, wardId: string): void {
  if (unknownWardIds(q, [wardId]).length > 0) {
    throw badRequest('Check the ward', { wardId: 'Choose a ward from the list' });
  }
}

/** One page of the project bank, for one ward or all. */
export function needsInWard(ctx: ServiceContext, query: { wardId?: string | undefined } & PageRequest) {
  return {
    needs: listNeeds(ctx.db, { wardId: query.wardId }, pageWindow(query)),
    page: query.page,
    pageSize: query.pageSize,
    total: countNeeds(ctx.db, { wardId: query.wardId }),
  };
}

function need(q: Queryable, needId: string) {
  return found(listNeeds(q, { needId })[0], 'need');
}

/** Officers record a neighbourhood need found by community consultation. */
export function recordNeed(ctx: ServiceContext, body: NeedInput) {
  authorize(ctx.actor, { action: 'need.manage' });
  const id = unitOfWork(ctx.db, (tx) => {
    checkWard(tx, body.wardId);
    const needId = insertNeed(tx, body, ctx.actor?.id ?? null);
    ctx.audit(tx, { action: 'need.recorded', entityType: 'need', entityId: needId, after: body });
    return needId;
  });
  return need(ctx.db, id);
}

export function correctNeed(ctx: ServiceContext, needId: string, body: NeedInput) {
  authorize(ctx.actor, { action: 'need.manage' });
  unitOfWork(ctx.db, (tx) => {
    const before = getNeedRow(tx, needId);
    if (!before) throw notFound('There is no such need');
    checkWard(tx, body.wardId);
    updateNeed(tx, needId, body);
    ctx.audit(tx, { action: 'need.changed', entityType: 'need', entityId: needId, before, after: body });
  });
  return need(ctx.db, needId);
}
