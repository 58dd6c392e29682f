// Every schema kubelab writes, by definition name.

import type { TypeDef } from '../schema-dsl.js';
import { appsTypes } from './apps.js';
import { authenticationTypes } from './authentication.js';
import { authorizationTypes } from './authorization.js';
import { coreTypes } from './core.js';
import { eventsTypes } from './events.js';
import { metaTypes } from './meta.js';
import { podTypes } from './pod.js';
import { rbacTypes } from './rbac.js';

export const MODELLED_TYPES: readonly TypeDef[] = [
  ...metaTypes,
  ...coreTypes,
  ...podTypes,
  ...eventsTypes,
  ...rbacTypes,
  ...authorizationTypes,
  ...authenticationTypes,
  ...appsTypes,
];
