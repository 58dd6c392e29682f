// The cluster contract against the embedded runtime (always runs).

import { startTestCluster } from '../support/cluster.js';
import { clusterContract } from './cluster-contract.js';

clusterContract('embedded', (spec) => startTestCluster(spec), { directToNodeIp: true });
