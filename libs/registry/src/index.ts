export { startEmbeddedPostgres } from './embedded-postgres/embedded-postgres.js';
export type {
  EmbeddedPostgres,
  EmbeddedPostgresExit,
  EmbeddedPostgresOptions,
} from './embedded-postgres/embedded-postgres.js';

export {
  createRegistryDataSource,
  REGISTRY_ENTITIES,
  REGISTRY_MIGRATIONS,
  REGISTRY_MIGRATIONS_TABLE,
} from './registry.data-source.js';
export type { RegistryDataSourceOptions } from './registry.data-source.js';

export { AgentCredential } from './entities/agent-credential.entity.js';
export { AuditEntry } from './entities/audit-entry.entity.js';
export type { AuditActorRole } from './entities/audit-entry.entity.js';
export { Declaration } from './entities/declaration.entity.js';
export { MethodologyVersion } from './entities/methodology-version.entity.js';
export { Device } from './entities/device.entity.js';
export { Enterprise, SIZE_CLASSES } from './entities/enterprise.entity.js';
export type { SizeClass } from './entities/enterprise.entity.js';
export { PlatformSetting } from './entities/platform-setting.entity.js';
export type { JsonValue } from './entities/platform-setting.entity.js';
export { Provider } from './entities/provider.entity.js';
export { RefreshToken } from './entities/refresh-token.entity.js';
export { User } from './entities/user.entity.js';
export { RetrofitProject } from './entities/retrofit-project.entity.js';
export { PLAN_METRICS, PlanTarget } from './entities/plan-target.entity.js';
export type { PlanMetric } from './entities/plan-target.entity.js';
export { PlanCityShare } from './entities/plan-city-share.entity.js';
export {
  addMonths,
  DEFAULT_PERIOD_MONTHS,
  defaultBaseline,
  defaultReporting,
  isIsoDate,
  isMonth,
  isStatusChangeAllowed,
  MAX_RETROFIT_METERS,
  MAX_RETROFIT_NAME,
  MAX_RETROFIT_TARGETS,
  patchedRetrofit,
  resolveRetrofit,
  RETROFIT_KINDS,
  RETROFIT_STATUSES,
  RETROFIT_TARGET_INDICATORS,
  retrofitProblems,
} from './retrofits/retrofit-rules.js';
export type {
  ResolvedRetrofit,
  RetrofitFields,
  RetrofitKind,
  RetrofitPatch,
  RetrofitProblem,
  RetrofitStatus,
  RetrofitTarget,
} from './retrofits/retrofit-rules.js';

export { AgentCredentialRepository } from './repositories/agent-credential.repository.js';
export type {
  AgentCredentialSummary,
  NewAgentCredential,
  RevokedAgent,
  RotatedAgent,
} from './repositories/agent-credential.repository.js';
export { AUDIT_SORTS, AuditLogRepository } from './repositories/audit-log.repository.js';
export type { AuditListRequest, NewAuditEntry } from './repositories/audit-log.repository.js';
export { DeclarationRepository } from './repositories/declaration.repository.js';
export { MethodologyRepository } from './repositories/methodology.repository.js';
export type { NewMethodologyVersion } from './repositories/methodology.repository.js';
export type { DeclarationData } from './repositories/declaration.repository.js';
export { DEVICE_SORTS, DeviceRepository } from './repositories/device.repository.js';
export type { DeviceListRequest, NewDevice } from './repositories/device.repository.js';
export { ENTERPRISE_SORTS, EnterpriseRepository } from './repositories/enterprise.repository.js';
export type { EnterpriseListRequest, NewEnterprise } from './repositories/enterprise.repository.js';
export { PROVIDER_SORTS, ProviderRepository } from './repositories/provider.repository.js';
export type { NewProvider, ProviderListRequest } from './repositories/provider.repository.js';
export { RefreshTokenRepository } from './repositories/refresh-token.repository.js';
export type { RefreshTokenSession, StoredRefreshToken } from './repositories/refresh-token.repository.js';
export { SettingsRepository } from './repositories/settings.repository.js';
export { summaryOf, USER_SORTS, UserRepository } from './repositories/user.repository.js';
export type { NewUser, UserListRequest, UserSummary } from './repositories/user.repository.js';
export { RETROFIT_SORTS, RetrofitRepository, retrofitKey } from './repositories/retrofit.repository.js';
export type {
  RetrofitImportContext,
  RetrofitListRequest,
  RetrofitStartsByRegion,
  RetrofitUpdate,
} from './repositories/retrofit.repository.js';
export {
  MAX_PLAN_YEAR,
  MIN_PLAN_YEAR,
  PlanRepository,
  SHARE_SUM_TOLERANCE,
  shareProblems,
  targetProblems,
} from './repositories/plan.repository.js';
export type {
  PlanSharesChange,
  PlanTargetsChange,
  PlanTargetValues,
} from './repositories/plan.repository.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE } from './repositories/page.js';
export type { Page, PageRequest, SortRequest } from './repositories/page.js';

export {
  ConflictError,
  ForbiddenError,
  InvalidReferenceError,
  InvalidValueError,
  NotFoundError,
  RegistryError,
  ValidationError,
} from './registry.errors.js';
export * from './registry-error.filter.js';
export {
  EnterpriseImportRepository,
  ImportTransaction,
} from './repositories/enterprise-import.repository.js';
export type {
  CreditCodeHolder,
  ExistingDevice,
  ExistingForImport,
  ImportedDevice,
  ImportedEnterprise,
} from './repositories/enterprise-import.repository.js';
export { RegistryTransactions } from './registry-transactions.js';
