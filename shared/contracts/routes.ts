import type { HttpFunctionName } from '../../functions/manifest.ts';
import type { RouteContract } from './route-contract.ts';
import { adminListingRouteContracts } from './routes/admin-listing-routes.ts';
import { adminModerationRoutes } from './routes/admin-moderation-routes.ts';
import { adminRoutes } from './routes/admin-routes.ts';
import { announcementAuditRouteContracts } from './routes/announcement-audit-routes.ts';
import { consultationRoutes } from './routes/consultation-routes.ts';
import { metaRoutes } from './routes/meta-routes.ts';
import { personalDataRouteContracts } from './routes/personal-data-routes.ts';
import { reminderRoutes } from './routes/reminder-routes.ts';
import { submissionRoutes } from './routes/submission-routes.ts';
import { subscriptionRoutes } from './routes/subscription-routes.ts';

/**
 * The contract of every HTTP function in the manifest, by function name: the OpenAPI generator and
 * the local runtime read this aggregate. Handlers import their contract from their area's module
 * (`./routes/*.ts`), so a function's bundle builds only the schemas of its own area at cold start.
 * A new area adds one spread here.
 */
export const routeContracts = {
  ...consultationRoutes,
  ...metaRoutes,
  ...subscriptionRoutes,
  ...submissionRoutes,
  ...reminderRoutes,
  ...adminRoutes,
  ...adminListingRouteContracts,
  ...announcementAuditRouteContracts,
  ...adminModerationRoutes,
  ...personalDataRouteContracts,
} as const satisfies Record<HttpFunctionName, RouteContract>;
