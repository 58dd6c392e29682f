// The API groups every emulated release serves by default: GA versions of the kube-apiserver
// built-ins, the apiextensions server and kube-aggregator. Per-release additions: releases.ts.

import type { GroupSpec } from './model.js';
import { admissionRegistration } from './groups/admissionregistration.js';
import { apiExtensions } from './groups/apiextensions.js';
import { apiRegistration } from './groups/apiregistration.js';
import { apps } from './groups/apps.js';
import { authentication } from './groups/authentication.js';
import { authorization } from './groups/authorization.js';
import { autoscaling } from './groups/autoscaling.js';
import { batch } from './groups/batch.js';
import { certificates } from './groups/certificates.js';
import { coordination } from './groups/coordination.js';
import { core } from './groups/core.js';
import { discovery } from './groups/discovery.js';
import { events } from './groups/events.js';
import { flowControl } from './groups/flowcontrol.js';
import { networking } from './groups/networking.js';
import { node } from './groups/node.js';
import { policy } from './groups/policy.js';
import { rbac } from './groups/rbac.js';
import { scheduling } from './groups/scheduling.js';
import { storage } from './groups/storage.js';

export const BASE_GROUPS: readonly GroupSpec[] = [
  core,
  apiRegistration,
  apps,
  events,
  authentication,
  authorization,
  autoscaling,
  batch,
  certificates,
  networking,
  policy,
  rbac,
  storage,
  admissionRegistration,
  apiExtensions,
  scheduling,
  coordination,
  node,
  discovery,
  flowControl,
];
