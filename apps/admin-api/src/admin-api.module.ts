import { Module } from '@nestjs/common';
import { AgentCredentialService } from './agent-credential.service.js';
import { AuditController } from './audit.controller.js';
import { AuditTrail } from '#grip/audit';
import { AuthController } from './auth.controller.js';
import { DeclarationsController } from './declarations.controller.js';
import { DeviceService } from './device.service.js';
import { EnterprisesController } from './enterprises.controller.js';
import { ImportsController } from './imports.controller.js';
import { BulkImportService } from './imports/bulk-import.service.js';
import { RetrofitImportService } from './imports/retrofit-import.service.js';
import { LoginService } from './login.service.js';
import { MethodologyController } from './methodology.controller.js';
import { OnboardingService } from './onboarding.service.js';
import { PasswordChangeService } from './password-change.service.js';
import { PlanController } from './plan.controller.js';
import { ProvidersController } from './providers.controller.js';
import { RetrofitService } from './retrofit.service.js';
import { RetrofitsController } from './retrofits.controller.js';
import { UserAccountsService } from './user-accounts.service.js';
import { UsersController } from './users.controller.js';

/** Operators and service providers: identity, tenancy, onboarding, credentials. */
@Module({
  controllers: [
    AuthController,
    ProvidersController,
    UsersController,
    EnterprisesController,
    ImportsController,
    DeclarationsController,
    RetrofitsController,
    PlanController,
    MethodologyController,
    AuditController,
  ],
  providers: [
    LoginService,
    OnboardingService,
    DeviceService,
    AgentCredentialService,
    AuditTrail,
    BulkImportService,
    RetrofitImportService,
    PasswordChangeService,
    UserAccountsService,
    RetrofitService,
  ],
  exports: [LoginService],
})
export class AdminApiModule {}
