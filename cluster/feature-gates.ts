// Feature gates known to the kube binaries (kubelet, kube-apiserver, ...) of each shipped release,
// and the upstream validation of `--feature-gates` / `featureGates:` maps.
//
// Where the list comes from (read through the research index, not at release tags):
//  - pkg/features/kube_features.go, versioned form, two snapshots: one from the 1.33 cycle and one
//    from the 1.36 development cycle (Jan 2026, before KubeletFineGrainedAuthz went GA). Both carry
//    the full VersionedSpecs history of every gate they list, so a release's view is the history
//    evaluated at that release (what featuregate.featureSpecAtEmulationVersion does). The snapshots
//    relist the generic-apiserver, apiextensions, kcm and zpages gates.
//  - Changes merged into 1.36 after that snapshot: KubeletFineGrainedAuthz GA+locked (PR #136116),
//    ComponentStatusz Beta/on (newest reorganised kube_features.go), DRAAdminAccess GA+locked and
//    DRAConsumableCapacity Beta/on (newest DRA gate file).
//  - Gates registered outside pkg/features (component-base logs and metrics, client-go) and gates
//    removed before 1.33 that 1.31 still had: written from the release notes; see `from`/`until`.
// Completeness: 1.33 is complete for pkg/features + relisted gates. 1.36 may still list a few gates
// whose "remove in 1.36" landed after the snapshot, and misses gates added after Jan 2026.
// 1.31 misses any gate removed in 1.32 or 1.33 that is not in the supplement below.
import type { KubeVersion } from './versions.js';

export type PreRelease = 'ALPHA' | 'BETA' | 'GA' | 'DEPRECATED';

export interface FeatureSpec {
  default: boolean;
  preRelease: PreRelease;
  lockToDefault: boolean;
}

/** [minor release it takes effect, default, stage, locked?] — one VersionedSpecs entry. */
type Step = readonly [number, boolean, 'A' | 'B' | 'GA' | 'D', ('lock' | undefined)?];

interface GateHistory {
  steps: readonly Step[];
  /** First release whose binaries know the gate, when its history starts earlier (e.g. "1.0 GA"). */
  from?: number;
  /** Last release that still ships the gate. */
  until?: number;
}

const STAGE: Record<Step[2], PreRelease> = { A: 'ALPHA', B: 'BETA', GA: 'GA', D: 'DEPRECATED' };

/** Release minor numbers: the only bridge between KubeVersion and the histories below. */
const RELEASE_MINOR: Record<KubeVersion, number> = { '1.31': 31, '1.33': 33, '1.36': 36 };

const L = 'lock' as const;

// Alphabetical; names are the wire names (e.g. CPUCFSQuotaPeriod is "CustomCPUCFSQuotaPeriod").
const HISTORY: Record<string, GateHistory> = {
  // featuregate's own pseudo-gates: known to every release.
  AllAlpha: { steps: [[0, false, 'A']] },
  AllBeta: { steps: [[0, false, 'B']] },

  AdmissionWebhookMatchConditions: { steps: [[27, false, 'A'], [28, true, 'B'], [30, true, 'GA', L]], until: 32 },
  AggregatedDiscoveryEndpoint: { steps: [[26, false, 'A'], [27, true, 'B'], [30, true, 'GA', L]], until: 32 },
  AggregatedDiscoveryRemoveBetaType: { steps: [[0, false, 'GA'], [33, true, 'D'], [35, true, 'D', L]], from: 33 },
  AllowDNSOnlyNodeCSR: { steps: [[0, true, 'GA'], [31, false, 'D']], from: 31 },
  AllowInsecureKubeletCertificateSigningRequests: { steps: [[0, true, 'GA'], [31, false, 'D']], from: 31 },
  AllowOverwriteTerminationGracePeriodSeconds: { steps: [[0, true, 'GA'], [32, false, 'D'], [35, false, 'D', L]], from: 32 },
  AllowParsingUserUIDFromCertAuth: { steps: [[33, true, 'B']] },
  AllowServiceLBStatusOnNonLB: { steps: [[0, true, 'GA'], [29, false, 'D'], [32, false, 'D', L]], from: 29, until: 33 },
  AllowUnsafeMalformedObjectDeletion: { steps: [[32, false, 'A']] },
  AnonymousAuthConfigurableEndpoints: { steps: [[31, false, 'A'], [32, true, 'B'], [34, true, 'GA', L]] },
  AnyVolumeDataSource: { steps: [[18, false, 'A'], [24, true, 'B'], [33, true, 'GA', L]] },
  APIListChunking: { steps: [[8, false, 'A'], [9, true, 'B'], [29, true, 'GA', L]], until: 31 },
  APIResponseCompression: { steps: [[8, false, 'A'], [16, true, 'B']] },
  APIServerIdentity: { steps: [[20, false, 'A'], [26, true, 'B']] },
  APIServerTracing: { steps: [[22, false, 'A'], [27, true, 'B'], [34, true, 'GA', L]] },
  APIServingWithRoutine: { steps: [[30, false, 'A']] },
  AppArmor: { steps: [[4, true, 'B'], [31, true, 'GA', L]], until: 32 },
  AppArmorFields: { steps: [[30, true, 'B'], [31, true, 'GA', L]], until: 32 },
  AuthorizeNodeWithSelectors: { steps: [[31, false, 'A'], [32, true, 'B'], [34, true, 'GA', L]] },
  AuthorizePodWebsocketUpgradeCreatePermission: { steps: [[35, true, 'B']] },
  AuthorizeWithSelectors: { steps: [[31, false, 'A'], [32, true, 'B'], [34, true, 'GA', L]] },
  BtreeWatchCache: { steps: [[32, true, 'B'], [33, true, 'GA', L]] },
  CBORServingAndStorage: { steps: [[32, false, 'A']] },
  ChangeContainerStatusOnKubeletRestart: { steps: [[0, true, 'GA'], [35, false, 'D']], from: 35 },
  ClearingNominatedNodeNameAfterBinding: { steps: [[34, false, 'A'], [35, true, 'B']] },
  ClientsAllowCBOR: { steps: [[32, false, 'A']] },
  ClientsPreferCBOR: { steps: [[32, false, 'A']] },
  CloudControllerManagerWatchBasedRoutesReconciliation: { steps: [[35, false, 'A']] },
  CloudControllerManagerWebhook: { steps: [[27, false, 'A']] },
  CloudDualStackNodeIPs: { steps: [[27, false, 'A'], [29, true, 'B'], [30, true, 'GA', L]], until: 31 },
  ClusterTrustBundle: { steps: [[27, false, 'A'], [33, false, 'B']] },
  ClusterTrustBundleProjection: { steps: [[29, false, 'A'], [33, false, 'B']] },
  ComponentFlagz: { steps: [[32, false, 'A'], [36, true, 'B']] }, // beta in 1.36: component-base zpages features, v1.36 reference docs
  ComponentSLIs: { steps: [[26, false, 'A'], [27, true, 'B'], [32, true, 'GA', L]] },
  ComponentStatusz: { steps: [[32, false, 'A'], [36, true, 'B']] },
  ConcurrentWatchObjectDecode: { steps: [[31, false, 'B']] },
  ConsistentListFromCache: { steps: [[28, false, 'A'], [31, true, 'B'], [34, true, 'GA', L]] },
  ConstrainedImpersonation: { steps: [[35, false, 'A']] },
  ContainerCheckpoint: { steps: [[25, false, 'A'], [30, true, 'B']] },
  ContainerRestartRules: { steps: [[34, false, 'A'], [35, true, 'B']] },
  ContainerStopSignals: { steps: [[33, false, 'A']] },
  ContextualLogging: { steps: [[24, false, 'A'], [30, true, 'B']] },
  CoordinatedLeaderElection: { steps: [[31, false, 'A'], [33, false, 'B']] },
  CPUManagerPolicyAlphaOptions: { steps: [[23, false, 'A']] },
  CPUManagerPolicyBetaOptions: { steps: [[23, true, 'B']] },
  CPUManagerPolicyOptions: { steps: [[22, false, 'A'], [23, true, 'B'], [33, true, 'GA', L]] },
  CRDObservedGenerationTracking: { steps: [[35, false, 'B']] },
  CRDValidationRatcheting: { steps: [[28, false, 'A'], [30, true, 'B'], [33, true, 'GA', L]] },
  CronJobsScheduledAnnotation: { steps: [[28, true, 'B'], [32, true, 'GA', L]], until: 33 },
  CrossNamespaceVolumeDataSource: { steps: [[26, false, 'A']] },
  CSIMigrationPortworx: { steps: [[23, false, 'A'], [25, false, 'B'], [31, true, 'B'], [33, true, 'GA', L]] },
  CSIServiceAccountTokenSecrets: { steps: [[35, true, 'B']] },
  CSIVolumeHealth: { steps: [[21, false, 'A']] },
  CustomCPUCFSQuotaPeriod: { steps: [[12, false, 'A']] },
  CustomResourceFieldSelectors: { steps: [[30, false, 'A'], [31, true, 'B'], [32, true, 'GA', L]] },
  DeclarativeValidation: { steps: [[33, true, 'B']] },
  DeclarativeValidationTakeover: { steps: [[33, false, 'B']] },
  DeploymentReplicaSetTerminatingReplicas: { steps: [[33, false, 'A'], [35, true, 'B']] },
  DetectCacheInconsistency: { steps: [[34, true, 'B']] },
  DevicePluginCDIDevices: { steps: [[28, false, 'A'], [29, true, 'B'], [31, true, 'GA', L]], until: 33 },
  DisableAllocatorDualWrite: { steps: [[31, false, 'A'], [33, false, 'B'], [34, true, 'GA'], [35, true, 'GA', L]] },
  DisableCloudProviders: { steps: [[22, false, 'A'], [29, true, 'B'], [31, true, 'GA', L]], until: 32 },
  DisableCPUQuotaWithExclusiveCPUs: { steps: [[33, true, 'B']] },
  DisableKubeletCloudCredentialProviders: { steps: [[23, false, 'A'], [29, true, 'B'], [31, true, 'GA', L]], until: 32 },
  DisableNodeKubeProxyVersion: { steps: [[29, false, 'A'], [31, false, 'D'], [33, true, 'D']] },
  DRAAdminAccess: { steps: [[32, false, 'A'], [34, true, 'B'], [36, true, 'GA', L]] },
  DRAConsumableCapacity: { steps: [[34, false, 'A'], [36, true, 'B']] },
  DRAControlPlaneController: { steps: [[31, false, 'A']], until: 31 },
  DRADeviceBindingConditions: { steps: [[34, false, 'A']] },
  DRADeviceTaintRules: { steps: [[35, false, 'A']] },
  DRADeviceTaints: { steps: [[33, false, 'A']] },
  DRAExtendedResource: { steps: [[34, false, 'A']] },
  DRAPartitionableDevices: { steps: [[33, false, 'A']] },
  DRAPrioritizedList: { steps: [[33, false, 'A'], [34, true, 'B']] },
  DRAResourceClaimDeviceStatus: { steps: [[32, false, 'A'], [33, true, 'B']] },
  DRASchedulerFilterTimeout: { steps: [[34, true, 'B']] },
  DynamicResourceAllocation: { steps: [[26, false, 'A'], [32, false, 'B'], [34, true, 'GA'], [35, true, 'GA', L]] },
  ElasticIndexedJob: { steps: [[27, true, 'B'], [31, true, 'GA', L]], until: 33 },
  EnvFiles: { steps: [[34, false, 'A'], [35, true, 'B']] },
  EventedPLEG: { steps: [[26, false, 'A']] },
  ExecProbeTimeout: { steps: [[20, true, 'GA'], [35, true, 'GA', L]] },
  ExternalServiceAccountTokenSigner: { steps: [[32, false, 'A'], [34, true, 'B']] },
  GangScheduling: { steps: [[35, false, 'A']] },
  GenericWorkload: { steps: [[35, false, 'A']] },
  GitRepoVolumeDriver: { steps: [[0, true, 'GA'], [33, false, 'D']], from: 33 },
  GracefulNodeShutdown: { steps: [[20, false, 'A'], [21, true, 'B']] },
  GracefulNodeShutdownBasedOnPodPriority: { steps: [[23, false, 'A'], [24, true, 'B']] },
  HonorPVReclaimPolicy: { steps: [[23, false, 'A'], [31, true, 'B'], [33, true, 'GA', L]] },
  HostnameOverride: { steps: [[34, false, 'A'], [35, true, 'B']] },
  HPAConfigurableTolerance: { steps: [[33, false, 'A'], [35, true, 'B']] },
  HPAContainerMetrics: { steps: [[20, false, 'A'], [27, true, 'B'], [30, true, 'GA', L]], until: 31 },
  HPAScaleToZero: { steps: [[16, false, 'A']] },
  ImageMaximumGCAge: { steps: [[29, false, 'A'], [30, true, 'B'], [35, true, 'GA', L]] },
  ImageVolume: { steps: [[31, false, 'A'], [33, false, 'B'], [35, true, 'B']] },
  ImageVolumeWithDigest: { steps: [[35, false, 'A']] },
  InformerResourceVersion: { steps: [[30, false, 'A']] },
  InOrderInformers: { steps: [[33, true, 'B']] },
  InPlacePodLevelResourcesVerticalScaling: { steps: [[35, false, 'A']] },
  InPlacePodVerticalScaling: { steps: [[27, false, 'A'], [33, true, 'B'], [35, true, 'GA', L]] },
  InPlacePodVerticalScalingAllocatedStatus: { steps: [[32, false, 'A'], [33, false, 'D']] },
  InPlacePodVerticalScalingExclusiveCPUs: { steps: [[32, false, 'A']] },
  InPlacePodVerticalScalingExclusiveMemory: { steps: [[34, false, 'A']] },
  InTreePluginPortworxUnregister: { steps: [[23, false, 'A']] },
  JobBackoffLimitPerIndex: { steps: [[28, false, 'A'], [29, true, 'B'], [33, true, 'GA', L]] },
  JobManagedBy: { steps: [[30, false, 'A'], [32, true, 'B'], [35, true, 'GA', L]] },
  JobPodFailurePolicy: { steps: [[25, false, 'A'], [26, true, 'B'], [31, true, 'GA', L]], until: 32 },
  JobPodReplacementPolicy: { steps: [[28, false, 'A'], [29, true, 'B'], [34, true, 'GA', L]] },
  JobSuccessPolicy: { steps: [[30, false, 'A'], [31, true, 'B'], [33, true, 'GA', L]] },
  KMSv1: { steps: [[0, true, 'GA'], [28, true, 'D'], [29, false, 'D']], from: 28 },
  KMSv2: { steps: [[25, false, 'A'], [27, true, 'B'], [29, true, 'GA', L]], until: 31 },
  KMSv2KDF: { steps: [[28, false, 'B'], [29, true, 'GA', L]], until: 31 },
  KubeletCgroupDriverFromCRI: { steps: [[28, false, 'A'], [31, true, 'B'], [34, true, 'GA', L]] },
  KubeletCrashLoopBackOffMax: { steps: [[32, false, 'A'], [35, true, 'B']] },
  KubeletEnsureSecretPulledImages: { steps: [[33, false, 'A'], [35, true, 'B']] },
  KubeletFineGrainedAuthz: { steps: [[32, false, 'A'], [33, true, 'B'], [36, true, 'GA', L]] },
  KubeletInUserNamespace: { steps: [[22, false, 'A']] },
  KubeletPodResourcesDynamicResources: { steps: [[27, false, 'A'], [34, true, 'B']] },
  KubeletPodResourcesGet: { steps: [[27, false, 'A'], [34, true, 'B']] },
  KubeletPodResourcesListUseActivePods: { steps: [[0, false, 'GA'], [34, true, 'D']], from: 34 },
  KubeletPSI: { steps: [[33, false, 'A'], [34, true, 'B']] },
  KubeletRegistrationGetOnExistsOnly: { steps: [[0, true, 'GA'], [32, false, 'D']], from: 32 },
  KubeletSeparateDiskGC: { steps: [[29, false, 'A'], [31, true, 'B']] },
  KubeletServiceAccountTokenForCredentialProviders: { steps: [[33, false, 'A'], [34, true, 'B']] },
  KubeletTracing: { steps: [[25, false, 'A'], [27, true, 'B'], [34, true, 'GA', L]] },
  KubeProxyDrainingTerminatingNodes: { steps: [[28, false, 'A'], [30, true, 'B'], [31, true, 'GA', L]], until: 32 },
  LegacyServiceAccountTokenCleanUp: { steps: [[28, false, 'A'], [29, true, 'B'], [30, true, 'GA', L]], until: 31 },
  LegacySidecarContainers: { steps: [[0, true, 'GA'], [33, false, 'D']], from: 33, until: 33 },
  ListFromCacheSnapshot: { steps: [[33, false, 'A'], [34, true, 'B']] },
  LoadBalancerIPMode: { steps: [[29, false, 'A'], [30, true, 'B'], [32, true, 'GA', L]], until: 33 },
  LocalStorageCapacityIsolationFSQuotaMonitoring: { steps: [[15, false, 'A'], [31, false, 'B']] },
  LogarithmicScaleDown: { steps: [[21, false, 'A'], [22, true, 'B'], [31, true, 'GA', L]] },
  LoggingAlphaOptions: { steps: [[24, false, 'A']] },
  LoggingBetaOptions: { steps: [[24, true, 'B']] },
  MatchLabelKeysInPodAffinity: { steps: [[29, false, 'A'], [31, true, 'B'], [33, true, 'GA', L]] },
  MatchLabelKeysInPodTopologySpread: { steps: [[25, false, 'A'], [27, true, 'B']] },
  MatchLabelKeysInPodTopologySpreadSelectorMerge: { steps: [[34, true, 'B']] },
  MaxUnavailableStatefulSet: { steps: [[24, false, 'A'], [35, true, 'B']] },
  MemoryManager: { steps: [[21, false, 'A'], [22, true, 'B'], [32, true, 'GA', L]] },
  MemoryQoS: { steps: [[22, false, 'A']] },
  MinDomainsInPodTopologySpread: { steps: [[24, false, 'A'], [27, true, 'B'], [30, true, 'GA', L]], until: 31 },
  MultiCIDRServiceAllocator: { steps: [[27, false, 'A'], [31, false, 'B'], [33, true, 'GA'], [34, true, 'GA', L]] },
  MutableCSINodeAllocatableCount: { steps: [[33, false, 'A'], [34, false, 'B'], [35, true, 'B']] },
  MutablePodResourcesForSuspendedJobs: { steps: [[35, false, 'A']] },
  MutablePVNodeAffinity: { steps: [[35, false, 'A']] },
  MutableSchedulingDirectivesForSuspendedJobs: { steps: [[35, false, 'A']] },
  MutatingAdmissionPolicy: { steps: [[32, false, 'A'], [34, false, 'B']] },
  NewVolumeManagerReconstruction: { steps: [[25, false, 'B'], [27, true, 'B'], [30, true, 'GA', L]], until: 31 },
  NFTablesProxyMode: { steps: [[29, false, 'A'], [31, true, 'B'], [33, true, 'GA', L]] },
  NodeDeclaredFeatures: { steps: [[35, false, 'A']] },
  NodeInclusionPolicyInPodTopologySpread: { steps: [[25, false, 'A'], [26, true, 'B'], [33, true, 'GA', L]] },
  NodeLogQuery: { steps: [[27, false, 'A'], [30, false, 'B']] },
  NodeSwap: { steps: [[22, false, 'A'], [28, false, 'B'], [30, true, 'B'], [34, true, 'GA', L]] },
  NominatedNodeNameForExpectation: { steps: [[34, false, 'A'], [35, true, 'B']] },
  OpenAPIEnums: { steps: [[23, false, 'A'], [24, true, 'B']] },
  OpportunisticBatching: { steps: [[35, true, 'B']] },
  OrderedNamespaceDeletion: { steps: [[30, false, 'B'], [33, true, 'B'], [34, true, 'GA', L]] },
  PersistentVolumeLastPhaseTransitionTime: { steps: [[28, false, 'A'], [29, true, 'B'], [31, true, 'GA', L]], until: 32 },
  PodAndContainerStatsFromCRI: { steps: [[23, false, 'A']] },
  PodCertificateRequest: { steps: [[34, false, 'A'], [35, false, 'B']] },
  PodDeletionCost: { steps: [[21, false, 'A'], [22, true, 'B']] },
  PodDisruptionConditions: { steps: [[25, false, 'A'], [26, true, 'B'], [31, true, 'GA', L]], until: 33 },
  PodHostIPs: { steps: [[28, false, 'A'], [29, true, 'B'], [30, true, 'GA', L]], until: 31 },
  PodIndexLabel: { steps: [[28, true, 'B'], [32, true, 'GA', L]], until: 33 },
  PodLevelResources: { steps: [[32, false, 'A'], [34, true, 'B']] },
  PodLifecycleSleepAction: { steps: [[29, false, 'A'], [30, true, 'B'], [34, true, 'GA', L]] },
  PodLifecycleSleepActionAllowZero: { steps: [[32, false, 'A'], [33, true, 'B'], [34, true, 'GA', L]] },
  PodLogsQuerySplitStreams: { steps: [[32, false, 'A']] },
  PodObservedGenerationTracking: { steps: [[33, false, 'A'], [34, true, 'B'], [35, true, 'GA', L]] },
  PodReadyToStartContainersCondition: { steps: [[28, false, 'A'], [29, true, 'B']] },
  PodSchedulingReadiness: { steps: [[26, false, 'A'], [27, true, 'B'], [30, true, 'GA', L]] },
  PodTopologyLabelsAdmission: { steps: [[33, false, 'A'], [35, true, 'B']] },
  PortForwardWebsockets: { steps: [[30, false, 'A'], [31, true, 'B']] },
  PreferSameTrafficDistribution: { steps: [[33, false, 'A'], [34, true, 'B'], [35, true, 'GA', L]] },
  PreventStaticPodAPIReferences: { steps: [[34, true, 'B']] },
  ProcMountType: { steps: [[12, false, 'A'], [31, false, 'B'], [33, true, 'B']] },
  QOSReserved: { steps: [[11, false, 'A']] },
  RecoverVolumeExpansionFailure: { steps: [[23, false, 'A'], [32, true, 'B'], [34, true, 'GA', L]] },
  RecursiveReadOnlyMounts: { steps: [[30, false, 'A'], [31, true, 'B'], [33, true, 'GA', L]] },
  ReduceDefaultCrashLoopBackOffDecay: { steps: [[33, false, 'A']] },
  RelaxedDNSSearchValidation: { steps: [[32, false, 'A'], [33, true, 'B'], [34, true, 'GA', L]] },
  RelaxedEnvironmentVariableValidation: { steps: [[30, false, 'A'], [32, true, 'B'], [34, true, 'GA', L]] },
  RelaxedServiceNameValidation: { steps: [[34, false, 'A']] },
  ReloadKubeletServerCertificateFile: { steps: [[31, true, 'B']] },
  RemoteRequestHeaderUID: { steps: [[32, false, 'A'], [33, true, 'B']] },
  ResilientWatchCacheInitialization: { steps: [[31, true, 'B'], [34, true, 'GA', L]] },
  ResourceHealthStatus: { steps: [[31, false, 'A']] },
  RestartAllContainersOnContainerExits: { steps: [[35, false, 'A']] },
  RetryGenerateName: { steps: [[30, false, 'A'], [31, true, 'B'], [32, true, 'GA', L]] },
  RotateKubeletServerCertificate: { steps: [[7, false, 'A'], [12, true, 'B']] },
  RuntimeClassInImageCriAPI: { steps: [[29, false, 'A']] },
  SchedulerAsyncAPICalls: { steps: [[34, false, 'B']] },
  SchedulerAsyncPreemption: { steps: [[32, false, 'A'], [33, true, 'B']] },
  SchedulerPopFromBackoffQ: { steps: [[33, true, 'B']] },
  SchedulerQueueingHints: { steps: [[28, false, 'B'], [32, true, 'B'], [34, true, 'GA', L]] },
  SELinuxChangePolicy: { steps: [[32, false, 'A'], [33, true, 'B']] },
  SELinuxMount: { steps: [[30, false, 'A'], [33, false, 'B']] },
  SELinuxMountReadWriteOncePod: { steps: [[25, false, 'A'], [27, false, 'B'], [28, true, 'B']] },
  SeparateCacheWatchRPC: { steps: [[28, true, 'B'], [33, false, 'D']] },
  SeparateTaintEvictionController: { steps: [[29, true, 'B'], [34, true, 'GA', L]] },
  ServiceAccountNodeAudienceRestriction: { steps: [[32, false, 'B'], [33, true, 'B']] },
  ServiceAccountTokenJTI: { steps: [[29, false, 'A'], [30, true, 'B'], [32, true, 'GA', L]] },
  ServiceAccountTokenNodeBinding: { steps: [[29, false, 'A'], [31, true, 'B'], [33, true, 'GA', L]] },
  ServiceAccountTokenNodeBindingValidation: { steps: [[29, false, 'A'], [30, true, 'B'], [32, true, 'GA', L]] },
  ServiceAccountTokenPodNodeInfo: { steps: [[29, false, 'A'], [30, true, 'B'], [32, true, 'GA', L]] },
  ServiceTrafficDistribution: { steps: [[30, false, 'A'], [31, true, 'B'], [33, true, 'GA', L]] },
  SidecarContainers: { steps: [[28, false, 'A'], [29, true, 'B'], [33, true, 'GA', L]] },
  SizeBasedListCostEstimate: { steps: [[34, true, 'B']] },
  SizeMemoryBackedVolumes: { steps: [[20, false, 'A'], [22, true, 'B'], [32, true, 'GA', L]], until: 33 },
  StableLoadBalancerNodeSet: { steps: [[27, true, 'B'], [30, true, 'GA', L]], until: 31 },
  StatefulSetAutoDeletePVC: { steps: [[23, false, 'A'], [27, true, 'B'], [32, true, 'GA', L]], until: 33 },
  StatefulSetSemanticRevisionComparison: { steps: [[0, true, 'B']], from: 35 },
  StatefulSetStartOrdinal: { steps: [[26, false, 'A'], [27, true, 'B'], [31, true, 'GA', L]], until: 33 },
  StorageCapacityScoring: { steps: [[33, false, 'A']] },
  StorageNamespaceIndex: { steps: [[30, true, 'B'], [33, true, 'D']] },
  StorageVersionAPI: { steps: [[20, false, 'A']] },
  StorageVersionHash: { steps: [[14, false, 'A'], [15, true, 'B']] },
  StorageVersionMigrator: { steps: [[30, false, 'A'], [35, false, 'B']] },
  StreamingCollectionEncodingToJSON: { steps: [[33, true, 'B'], [34, true, 'GA', L]] },
  StreamingCollectionEncodingToProtobuf: { steps: [[33, true, 'B'], [34, true, 'GA', L]] },
  StrictCostEnforcementForVAP: { steps: [[30, false, 'B'], [32, true, 'GA', L]], until: 33 },
  StrictCostEnforcementForWebhooks: { steps: [[30, false, 'B'], [32, true, 'GA', L]], until: 33 },
  StrictIPCIDRValidation: { steps: [[33, false, 'A']] },
  StructuredAuthenticationConfiguration: { steps: [[29, false, 'A'], [30, true, 'B'], [34, true, 'GA', L]] },
  StructuredAuthenticationConfigurationEgressSelector: { steps: [[34, true, 'B']] },
  StructuredAuthenticationConfigurationJWKSMetrics: { steps: [[35, true, 'B']] },
  StructuredAuthorizationConfiguration: { steps: [[29, false, 'A'], [30, true, 'B'], [32, true, 'GA', L]] },
  SupplementalGroupsPolicy: { steps: [[31, false, 'A'], [33, true, 'B'], [35, true, 'GA', L]] },
  SystemdWatchdog: { steps: [[32, true, 'B'], [35, true, 'GA', L]] },
  TaintTolerationComparisonOperators: { steps: [[35, false, 'A']] },
  TokenRequestServiceAccountUIDValidation: { steps: [[34, true, 'B']] },
  TopologyAwareHints: { steps: [[21, false, 'A'], [23, false, 'B'], [24, true, 'B'], [33, true, 'GA', L]] },
  TopologyManagerPolicyAlphaOptions: { steps: [[26, false, 'A']] },
  TopologyManagerPolicyBetaOptions: { steps: [[26, false, 'B'], [28, true, 'B']] },
  TopologyManagerPolicyOptions: { steps: [[26, false, 'A'], [28, true, 'B'], [32, true, 'GA']] },
  TranslateStreamCloseWebsocketRequests: { steps: [[29, false, 'A'], [30, true, 'B']] },
  UnauthenticatedHTTP2DOSMitigation: { steps: [[25, false, 'B'], [29, true, 'B']] },
  UnknownVersionInteroperabilityProxy: { steps: [[28, false, 'A']] },
  UserNamespacesHostNetworkSupport: { steps: [[35, false, 'A']] },
  UserNamespacesPodSecurityStandards: { steps: [[29, false, 'A']], until: 33 },
  UserNamespacesSupport: { steps: [[25, false, 'A'], [30, false, 'B'], [33, true, 'B']] },
  ValidatingAdmissionPolicy: { steps: [[26, false, 'A'], [28, false, 'B'], [30, true, 'GA', L]], until: 31 },
  VolumeAttributesClass: { steps: [[29, false, 'A'], [31, false, 'B'], [34, true, 'GA'], [36, true, 'GA', L]] },
  VolumeCapacityPriority: { steps: [[21, false, 'A']], until: 32 },
  VolumeLimitScaling: { steps: [[35, false, 'A']] },
  WatchCacheInitializationPostStartHook: { steps: [[31, false, 'B']] },
  WatchFromStorageWithoutResourceVersion: { steps: [[27, false, 'B'], [33, false, 'D', L]] },
  WatchList: { steps: [[27, false, 'A'], [32, true, 'B'], [33, false, 'B'], [34, true, 'B']] },
  WatchListClient: { steps: [[30, false, 'B'], [34, true, 'B']] },
  WinDSR: { steps: [[14, false, 'A'], [33, true, 'B'], [34, true, 'GA', L]] },
  WindowsCPUAndMemoryAffinity: { steps: [[32, false, 'A']] },
  WindowsGracefulNodeShutdown: { steps: [[32, false, 'A'], [34, true, 'B']] },
  WindowsHostNetwork: { steps: [[26, false, 'A'], [33, false, 'D']] },
  WinOverlay: { steps: [[14, false, 'A'], [20, true, 'B'], [34, true, 'GA', L]] },
  ZeroLimitedNominalConcurrencyShares: { steps: [[29, false, 'B'], [30, true, 'GA', L]], until: 31 },
};

/** The spec a release's binaries hold for a gate, or undefined when they do not know it. */
function specAt(history: GateHistory, minor: number): FeatureSpec | undefined {
  const first = history.from ?? history.steps[0]?.[0] ?? Infinity;
  if (minor < first || minor > (history.until ?? Infinity)) return undefined;
  let current: Step | undefined;
  for (const step of history.steps) if (step[0] <= minor) current = step;
  if (!current) return undefined;
  return { default: current[1], preRelease: STAGE[current[2]], lockToDefault: current[3] === 'lock' };
}

function gatesOf(version: KubeVersion): Record<string, FeatureSpec> {
  const gates: Record<string, FeatureSpec> = {};
  for (const [name, history] of Object.entries(HISTORY)) {
    const spec = specAt(history, RELEASE_MINOR[version]);
    if (spec) gates[name] = spec;
  }
  return gates;
}

export const FEATURE_GATES: Record<KubeVersion, Record<string, FeatureSpec>> = {
  '1.31': gatesOf('1.31'),
  '1.33': gatesOf('1.33'),
  '1.36': gatesOf('1.36'),
};

export type FeatureGateValidation =
  | { ok: true; effective: Record<string, boolean> }
  | { ok: false; message: string };

/**
 * Validate a feature-gate map the way component-base's featuregate.SetFromMap does, then resolve
 * every known gate to its effective value (AllAlpha/AllBeta switch the gates left unset).
 */
export function validateFeatureGates(version: KubeVersion, gates: Record<string, boolean>): FeatureGateValidation {
  const known = FEATURE_GATES[version];
  for (const [name, value] of Object.entries(gates)) {
    const spec = known[name];
    if (!spec) return { ok: false, message: `unrecognized feature gate: ${name}` };
    if (spec.lockToDefault && spec.default !== value) {
      return {
        ok: false,
        message: `cannot set feature gate ${name} to ${value}, feature is locked to ${spec.default}`,
      };
    }
  }
  const allAlpha = gates.AllAlpha ?? false;
  const allBeta = gates.AllBeta ?? false;
  const effective: Record<string, boolean> = {};
  for (const [name, spec] of Object.entries(known)) {
    const explicit = gates[name];
    if (explicit !== undefined) effective[name] = explicit;
    else if (!spec.lockToDefault && spec.preRelease === 'ALPHA' && allAlpha) effective[name] = true;
    else if (!spec.lockToDefault && spec.preRelease === 'BETA' && allBeta) effective[name] = true;
    else effective[name] = spec.default;
  }
  return { ok: true, effective };
}
