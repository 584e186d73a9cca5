package dev.lattice.api.status;

/**
 * Stable CamelCase reason codes, one per kind of problem. Scripts and dashboards match on these names, so a code
 * is never renamed or reused for another meaning; new problems get new codes.
 */
public enum Reason {
  // Validated=True / Ready=True
  SpecValid(ConditionType.Validated, Severity.WARNING),
  Derived(ConditionType.Ready, Severity.WARNING),

  // Metadata
  MissingName(ConditionType.Validated, Severity.ERROR),
  InvalidServiceName(ConditionType.Validated, Severity.ERROR),
  /** metadata.name or metadata.namespace is longer than a Kubernetes name may be. */
  NameTooLong(ConditionType.Validated, Severity.ERROR),
  SystemNamespace(ConditionType.Validated, Severity.ERROR),

  // Workload and containers
  MissingWorkload(ConditionType.Validated, Severity.ERROR),
  NoContainers(ConditionType.Validated, Severity.ERROR),
  InvalidName(ConditionType.Validated, Severity.ERROR),
  DuplicateContainerName(ConditionType.Validated, Severity.ERROR),
  PortNameTooLong(ConditionType.Validated, Severity.ERROR),
  InvalidImage(ConditionType.Validated, Severity.ERROR),
  MissingResourceLimits(ConditionType.Validated, Severity.ERROR),
  InvalidCpuQuantity(ConditionType.Validated, Severity.ERROR),
  InvalidMemoryQuantity(ConditionType.Validated, Severity.ERROR),
  RequestExceedsLimit(ConditionType.Validated, Severity.ERROR),
  CommandNotAbsolute(ConditionType.Validated, Severity.ERROR),
  InitSidecarWithoutCommand(ConditionType.Validated, Severity.ERROR),
  FileWithoutContent(ConditionType.Validated, Severity.ERROR),
  ConflictingFileContent(ConditionType.Validated, Severity.ERROR),
  InvalidFilePath(ConditionType.Validated, Severity.ERROR),
  FilePathCollision(ConditionType.Validated, Severity.ERROR),
  InvalidFileMode(ConditionType.Validated, Severity.ERROR),
  InvalidBinaryContent(ConditionType.Validated, Severity.ERROR),
  InvalidMountPath(ConditionType.Validated, Severity.ERROR),
  InvalidVolumeSource(ConditionType.Validated, Severity.ERROR),
  InvalidProbe(ConditionType.Validated, Severity.ERROR),
  ProbePortUnknown(ConditionType.Validated, Severity.ERROR),
  EnvFromNotASecret(ConditionType.Validated, Severity.ERROR),
  InvalidVariableName(ConditionType.Validated, Severity.ERROR),
  InvalidSecurityProfile(ConditionType.Validated, Severity.ERROR),

  // Ports
  InvalidPort(ConditionType.Validated, Severity.ERROR),
  DuplicatePort(ConditionType.Validated, Severity.ERROR),
  InvalidProtocol(ConditionType.Validated, Severity.ERROR),

  // Replicas, autoscaling, rollout
  InvalidReplicas(ConditionType.Validated, Severity.ERROR),
  ReplicasExceedMax(ConditionType.Validated, Severity.ERROR),
  AutoscalingMaxMissing(ConditionType.Validated, Severity.ERROR),
  InvalidMetricTarget(ConditionType.Validated, Severity.ERROR),
  InvalidMetricName(ConditionType.Validated, Severity.ERROR),
  InvalidDeployStrategy(ConditionType.Validated, Severity.ERROR),

  // Resources
  InvalidResourceType(ConditionType.Validated, Severity.ERROR),
  InvalidDirection(ConditionType.Validated, Severity.ERROR),
  InvalidNamespace(ConditionType.Validated, Severity.ERROR),
  InvalidVolumeId(ConditionType.Validated, Severity.ERROR),
  SecretProviderMissing(ConditionType.Validated, Severity.ERROR),
  InvalidSecretProvider(ConditionType.Validated, Severity.ERROR),
  SecretIdMissing(ConditionType.Validated, Severity.ERROR),
  InvalidSecretKeys(ConditionType.Validated, Severity.ERROR),
  InvalidSecretType(ConditionType.Validated, Severity.ERROR),
  InvalidRefreshInterval(ConditionType.Validated, Severity.ERROR),
  ExternalEndpointsMissing(ConditionType.Validated, Severity.ERROR),
  InvalidEndpointUrl(ConditionType.Validated, Severity.ERROR),
  GpuCountMissing(ConditionType.Validated, Severity.ERROR),
  InvalidGpuCompute(ConditionType.Validated, Severity.ERROR),
  InvalidGpuMemory(ConditionType.Validated, Severity.ERROR),
  /** A gpu resource's model is not a value the node label {@code nvidia.com/gpu.product} can have. */
  InvalidGpuModel(ConditionType.Validated, Severity.ERROR),
  InvalidVolumeSize(ConditionType.Validated, Severity.ERROR),
  InvalidAccessMode(ConditionType.Validated, Severity.ERROR),

  // Templates
  TemplateSyntax(ConditionType.Validated, Severity.ERROR),
  TemplateUnresolved(ConditionType.Validated, Severity.ERROR),
  /** A template needs another service's port, and that service is missing or exposes none (depends on the fleet). */
  DependencyPortUnknown(ConditionType.Validated, Severity.ERROR),
  SecretReferenceUnknownResource(ConditionType.Validated, Severity.ERROR),
  SecretReferenceUnknownKey(ConditionType.Validated, Severity.ERROR),
  SecretReferenceNotAllowed(ConditionType.Validated, Severity.ERROR),

  // Ingress and observability
  InvalidRouteKind(ConditionType.Validated, Severity.ERROR),
  RouteHostsMissing(ConditionType.Validated, Severity.ERROR),
  InvalidHost(ConditionType.Validated, Severity.ERROR),
  RoutePortRequired(ConditionType.Validated, Severity.ERROR),
  RoutePortUnknown(ConditionType.Validated, Severity.ERROR),
  InvalidRouteMatch(ConditionType.Validated, Severity.ERROR),
  InvalidTls(ConditionType.Validated, Severity.ERROR),
  MetricsPortUnknown(ConditionType.Validated, Severity.ERROR),

  // Backup
  InvalidBackupHook(ConditionType.Validated, Severity.ERROR),

  // PolicyAuthorized: Cedar decides at derivation time; any denial fails the service
  Authorized(ConditionType.PolicyAuthorized, Severity.WARNING),
  AccessSecretDenied(ConditionType.PolicyAuthorized, Severity.ERROR),
  ExternalEndpointDenied(ConditionType.PolicyAuthorized, Severity.ERROR),
  SecurityOverrideDenied(ConditionType.PolicyAuthorized, Severity.ERROR),
  WildcardCallerDenied(ConditionType.PolicyAuthorized, Severity.ERROR),
  MutableImageDenied(ConditionType.PolicyAuthorized, Severity.ERROR),
  ImageForbidden(ConditionType.PolicyAuthorized, Severity.ERROR),
  AuthorizationError(ConditionType.PolicyAuthorized, Severity.ERROR),

  // BilateralConsent: the service is still derived; only the unagreed traffic stays denied
  ConsentAgreed(ConditionType.BilateralConsent, Severity.WARNING),
  ConsentPending(ConditionType.BilateralConsent, Severity.WARNING),
  DependencyNotFound(ConditionType.BilateralConsent, Severity.WARNING),
  CallerNotFound(ConditionType.BilateralConsent, Severity.WARNING),

  // Limits (dev.lattice.api.Limits)
  /** More containers, resources, variables, files, ports or routes than one service may declare. */
  TooManyEntries(ConditionType.Validated, Severity.ERROR),
  /** A field whose value would make a derived object's name longer than Kubernetes allows. */
  DerivedNameTooLong(ConditionType.Validated, Severity.ERROR),
  // Found by the CLI's reader
  /** A text value holds half of a UTF-16 surrogate pair, which no UTF-8 output can carry. */
  InvalidUnicode(ConditionType.Validated, Severity.ERROR),

  // Ingress gateway, L7 egress, GPUs (issue 17)
  /** Two services of a namespace claim the same host and path, gRPC method or TCP port on its shared Gateway. */
  RouteConflict(ConditionType.Validated, Severity.ERROR),

  // Platform providers and quotas (issue 17, h17b)
  /** A {@code type: secret} resource names a SecretProvider the platform does not have. */
  SecretProviderNotFound(ConditionType.Validated, Severity.ERROR),
  /** {@code imagePullSecrets} names an ImageProvider the platform does not have. */
  ImageProviderNotFound(ConditionType.Validated, Severity.ERROR),
  /** The spec asks to skip image signature verification and no Cedar permit allows it. */
  SkipImageVerificationDenied(ConditionType.PolicyAuthorized, Severity.ERROR),
  /** A forbid matches the Cedar action UseGpu for the GPU model a service asks for. */
  GpuModelForbidden(ConditionType.PolicyAuthorized, Severity.ERROR),
  /** The service's demand (requests x replicas) does not fit what a LatticeQuota covering it has left. */
  QuotaExceeded(ConditionType.Validated, Severity.ERROR),

  // Escape hatches (LatticeMeshMember, LatticePackage): governance and the mesh section
  /** spec.owner, spec.reason or spec.expires is missing: every escape hatch is owned, explained and temporary. */
  EscapeHatchGovernanceMissing(ConditionType.Validated, Severity.ERROR),
  /** spec.expires is not an ISO date (YYYY-MM-DD). */
  InvalidExpiryDate(ConditionType.Validated, Severity.ERROR),
  /** The hatch expired and the platform's grace period is over: nothing is derived, nothing is deleted. */
  EscapeHatchExpired(ConditionType.Expiring, Severity.ERROR),
  /** spec.expires lies further ahead than the platform's maximum lifetime and no ExtendEscapeHatch permit allows it. */
  ExtendEscapeHatchDenied(ConditionType.PolicyAuthorized, Severity.ERROR),
  /** A mesh section entry (port, peer authentication, caller, dependency, egress) that cannot be derived. */
  InvalidMeshEntry(ConditionType.Validated, Severity.ERROR),
  /** A mesh member without a pod selector (it would select nothing, or everything). */
  MeshSelectorMissing(ConditionType.Validated, Severity.ERROR),

  // Packages (LatticePackage, Helm charts)
  /** spec.chart lacks its repository or name, or the repository is neither a URL, an OCI reference nor a path. */
  InvalidChartSource(ConditionType.Validated, Severity.ERROR),
  /** spec.chart.version is missing, a range, a wildcard or 'latest': a re-render could install another chart. */
  ChartVersionNotExact(ConditionType.Validated, Severity.ERROR),
  /** Helm could not load or render the chart; the message quotes helm's. Nothing of the last version is pruned. */
  ChartRenderFailed(ConditionType.Validated, Severity.ERROR),
  /** The chart rendered an object Lattice will not apply: a Secret, another namespace, or an unmanaged kind. */
  PackageObjectRejected(ConditionType.Validated, Severity.ERROR),
  /** A ${secret...} reference inside a longer value: only a whole value can become a Secret reference. */
  SecretReferenceInText(ConditionType.Validated, Severity.ERROR),
  // Escape hatches (h15)
  /** Someone other than the operator wrote an escape hatch's status (its expiry and consent record); admission. */
  HatchStatusWriteDenied(ConditionType.Validated, Severity.ERROR),

  // Warnings: the service is still derived
  UnknownField(ConditionType.Validated, Severity.WARNING),
  /** A file's LatticeService has no metadata.namespace, so it was derived into 'default'. */
  NamespaceDefaulted(ConditionType.Validated, Severity.WARNING),
  NotYetDerived(ConditionType.Validated, Severity.WARNING),
  /** A plain value (variable, file, probe header) that looks like a live credential; it belongs in a secret. */
  PlainCredential(ConditionType.Validated, Severity.WARNING),
  /** The spec is written in a deprecated API version (lattice.dev/v1alpha1); lattice migrate moves it on. */
  DeprecatedApiVersion(ConditionType.Validated, Severity.WARNING),
  // Escape hatches: expiry warnings (the hatch is still derived)
  /** The hatch expires within 30 days. */
  EscapeHatchExpiring(ConditionType.Expiring, Severity.WARNING),
  /** The hatch has expired; derivation stops when the platform's grace period ends. */
  EscapeHatchInGracePeriod(ConditionType.Expiring, Severity.WARNING),
  /** Expiring=False: more than 30 days left (a status reason, like SpecValid, never a problem). */
  EscapeHatchCurrent(ConditionType.Expiring, Severity.WARNING);

  private final ConditionType conditionType;
  private final Severity severity;

  Reason(ConditionType conditionType, Severity severity) {
    this.conditionType = conditionType;
    this.severity = severity;
  }

  /** The condition this reason is reported under. */
  public ConditionType conditionType() {
    return conditionType;
  }

  public Severity severity() {
    return severity;
  }
}
