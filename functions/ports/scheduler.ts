import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { createEventBridgeScheduleGateway } from '../../shared/adapters/scheduler/eventbridge-schedule-gateway.ts';
import { requireScheduleConfig } from '../../shared/config/runtime-config.ts';
import type { PortFactory } from '../lambda-entry.ts';
import { traced } from '../observability.ts';

/**
 * The EventBridge Scheduler gateway, for Lambda entry points that reconcile schedules (manifest
 * access `schedules`). A function's bundle holds the Scheduler client only if its entry imports
 * this module.
 */
export const schedulesInEventBridge: PortFactory<'schedules'> = (config) =>
  createEventBridgeScheduleGateway(traced(new SchedulerClient({})), requireScheduleConfig(config));
