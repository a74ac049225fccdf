import simpleRestProvider from 'ra-data-simple-rest';
import {
  type DataProvider,
  type GetOneResult,
  HttpError,
  type Identifier,
  type UpdateResult,
} from 'react-admin';
import type { DashboardData } from '../dashboard/dashboard-data.ts';
import { economyErrorsFromApi, economyFromApi, economyToApi } from '../settings/economy-model.ts';
import type { TextPreview, TextRecord } from '../texts/text-record.ts';
import { apiUrl, fetchApi, httpClient, postJson } from './http.ts';
import { fetchListPage } from './list-pages.ts';

/** A manual XP/coin change, recorded by the engine like any other event (a ledger row with the reason). */
export interface PlayerAdjustment {
  xpDelta: number;
  coinDelta: number;
  reason: string;
  /** Makes a double click one change: the same id is applied once. */
  requestId: string;
}

/** How each record of a bulk action went: the API decides every one on its own. */
export interface BulkOutcome {
  results: { id: Identifier; message?: string; reason?: string }[];
}
export interface BulkRetryOutcome extends BulkOutcome {
  retried: Identifier[];
}
export interface BulkApprovalOutcome extends BulkOutcome {
  approved: Identifier[];
}

/**
 * A decision on a record the admin is looking at. `version` is the one they saw: if someone decided
 * or changed it meanwhile, the API answers 409 instead of acting on a record they did not see.
 */
export interface Decision {
  id: Identifier;
  version?: number;
  note?: string;
}

/** The actions of the panel beyond the CRUD contract: each calls one API endpoint. */
export interface TandemDataProvider extends DataProvider {
  adjustPlayer(playerId: Identifier, adjustment: PlayerAdjustment): Promise<unknown>;
  retrySyncEvent(id: Identifier): Promise<unknown>;
  retrySyncEvents(ids: Identifier[]): Promise<BulkRetryOutcome>;
  /** Starts a full reconcile audit (a 409 while one is running). */
  startReconcileAudit(): Promise<unknown>;
  approveSubmission(decision: Decision): Promise<unknown>;
  approveSubmissions(ids: Identifier[]): Promise<BulkApprovalOutcome>;
  rejectSubmission(decision: Decision): Promise<unknown>;
  approvePayout(decision: Decision): Promise<unknown>;
  declinePayout(decision: Decision): Promise<unknown>;
  getDashboard(): Promise<DashboardData>;
  /** Saves one language's wording of a text over the version of its edit the admin opened (0: none). */
  saveText(
    key: Identifier,
    edit: { language: string; template: string; version: number },
  ): Promise<TextRecord>;
  /** Drops one language's edit: the shipped wording applies again. */
  resetText(key: Identifier, language: string, version: number): Promise<TextRecord>;
  /** The wording as a player would read it, or why a save would be refused; writes nothing. */
  previewText(key: Identifier, draft: { language: string; template: string }): Promise<TextPreview>;
}

const rest = simpleRestProvider(apiUrl, httpClient);

const id = (value: Identifier) => encodeURIComponent(String(value));

/**
 * ra-data-simple-rest for the resources, plus Tandem's actions. Settings are the exception: the
 * economy is one JSON value edited as a form, so its record is reshaped on the way in and out, and
 * its field errors (`message.minXp`) are moved to the form's paths.
 */
export const dataProvider: TandemDataProvider = {
  ...rest,
  // Lists page by key where the API offers it, and without a total past a few pages (list-pages.ts).
  getList: (resource, params) => fetchListPage(resource, params),
  getManyReference: (resource, { target, id: targetId, filter, ...params }) =>
    fetchListPage(resource, { ...params, filter: { ...filter, [target]: targetId } }),
  async getOne(resource, params) {
    const result = await rest.getOne(resource, params);
    if (resource === 'settings' && params.id === 'economy') {
      return { data: economyFromApi(result.data) } as GetOneResult;
    }
    return result;
  },
  async update(resource, params) {
    if (resource !== 'settings' || params.id !== 'economy') return rest.update(resource, params);
    try {
      const { json } = await fetchApi(`/settings/${id(params.id)}`, {
        method: 'PUT',
        body: JSON.stringify(economyToApi(params.data)),
      });
      return { data: economyFromApi(json) } as UpdateResult;
    } catch (error) {
      if (error instanceof HttpError && error.body?.errors) {
        throw new HttpError(error.message, error.status, {
          ...error.body,
          errors: economyErrorsFromApi(error.body.errors, params.data),
        });
      }
      throw error;
    }
  },
  /** Sends the version the admin saw, so deleting a record someone just changed is refused (409). */
  async delete(resource, params) {
    const version = (params.previousData as { version?: unknown } | undefined)?.version;
    const query = typeof version === 'number' ? `?version=${version}` : '';
    const { json } = await fetchApi(`/${resource}/${id(params.id)}${query}`, {
      method: 'DELETE',
      headers: new Headers({ 'Content-Type': 'text/plain' }),
    });
    return { data: json ?? params.previousData };
  },
  adjustPlayer: (playerId, adjustment) => postJson(`/players/${id(playerId)}/adjustments`, adjustment),
  retrySyncEvent: (eventId) => postJson(`/sync_events/${id(eventId)}/retry`),
  retrySyncEvents: (ids) => postJson<BulkRetryOutcome>('/sync_events/retry', { ids }),
  startReconcileAudit: () => postJson('/reconcile/audit', {}),
  approveSubmission: (decision) =>
    postJson(`/task_submissions/${id(decision.id)}/approve`, { version: decision.version }),
  approveSubmissions: (ids) => postJson<BulkApprovalOutcome>('/task_submissions/approve', { ids }),
  rejectSubmission: (decision) =>
    postJson(`/task_submissions/${id(decision.id)}/reject`, {
      version: decision.version,
      note: decision.note,
    }),
  approvePayout: (decision) => postJson(`/payouts/${id(decision.id)}/approve`, { version: decision.version }),
  declinePayout: (decision) =>
    postJson(`/payouts/${id(decision.id)}/decline`, { version: decision.version, note: decision.note }),
  async saveText(key, edit) {
    const { json } = await fetchApi(`/texts/${id(key)}`, { method: 'PUT', body: JSON.stringify(edit) });
    return json as TextRecord;
  },
  async resetText(key, language, version) {
    const { json } = await fetchApi(`/texts/${id(key)}/${id(language)}?version=${version}`, {
      method: 'DELETE',
      headers: new Headers({ 'Content-Type': 'text/plain' }),
    });
    return json as TextRecord;
  },
  previewText: (key, draft) => postJson<TextPreview>(`/texts/${id(key)}/preview`, draft),
  async getDashboard() {
    const { json } = await fetchApi('/dashboard');
    return json as DashboardData;
  },
};
