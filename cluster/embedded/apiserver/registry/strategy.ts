// Per-kind behaviour of the generic registry: defaulting, validation and admission, named as
// upstream's RESTCreateStrategy / RESTUpdateStrategy hooks. Kinds without one are stored as sent.

import type { KubeObject, UserInfo } from '../types.js';
import type { FieldError } from '../status.js';
import type { ObjectStore } from '../storage/store.js';
import type { Authorizer } from '../types.js';

export interface StrategyContext {
  user: UserInfo;
  namespace: string;
  store: ObjectStore;
  authorizer: Authorizer;
  now: Date;
}

export interface Strategy {
  /** Fills defaults and clears fields the server owns (status on create...). Mutates `obj`. */
  prepareForCreate?(obj: KubeObject, ctx: StrategyContext): void;
  prepareForUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  validate?(obj: KubeObject, ctx: StrategyContext): FieldError[];
  validateUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): FieldError[];
  /** Validating admission (RBAC escalation checks...): throws an ApiError to refuse. */
  admit?(obj: KubeObject, old: KubeObject | undefined, ctx: StrategyContext): void;
  /** Kinds whose metadata.generation tracks spec changes. */
  tracksGeneration?: boolean;
  /**
   * The strategy of the status subresource (upstream's *StatusStrategy): what a write to
   * <kind>/status may change. Without one, such a write keeps the spec as stored.
   */
  status?: Strategy;
  /**
   * RESTGracefulDeleteStrategy.CheckGracefulDelete: the grace period, in seconds, a delete gives
   * the object (`requested` is DeleteOptions.gracePeriodSeconds). Kinds without it go at once.
   */
  gracePeriod?(obj: KubeObject, requested: number | undefined): number;
  /** The registry answers a delete with the deleted object instead of a Status (pods). */
  returnsDeletedObject?: boolean;
}
