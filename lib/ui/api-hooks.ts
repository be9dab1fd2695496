"use client";

import useSWR, { type SWRConfiguration } from "swr";
import type { TColumnSamples, TDataSource, TDataSourceRun } from "../datasources/schemas";
import type { TDelivery } from "../delivery/schemas";
import type { TDestinationView } from "../destinations/schemas";
import type { TMeasure, TMeasureDetail } from "../measures/schemas";
import type { TSegment, TSegmentDetail, TSegmentMemberPage } from "../segments/schemas";
import type { TRefreshJob } from "../refresh-jobs/schemas";
import type { TRefreshSchedule } from "../refresh-jobs/schedule/schemas";
import type { TTriggerRegistration } from "../triggers/schemas";
import type { TTriggerType } from "../triggers/types/vocabulary";
import type { TAttributeDefinition, TCustomerProfile, TCustomerProfileDetail, TUnificationConfig, TUnificationRun } from "../unification/schemas";
import type { ApiError } from "./api-client";
import { apiPaths } from "./api-paths";

// SWR hooks over the API. The fetcher (apiGet) is set once in app/providers.tsx.

export type TInstanceSummary = { id: string; name: string };

export const useInstances = () => useSWR<{ instances: TInstanceSummary[] }, ApiError>(apiPaths.instances());

export const useDataSources = (instanceId: string, config?: SWRConfiguration<{ dataSources: TDataSource[] }, ApiError>) =>
  useSWR<{ dataSources: TDataSource[] }, ApiError>(apiPaths.dataSources(instanceId), config);

export const useDataSourceRuns = (instanceId: string, dataSourceId: string | null, config?: SWRConfiguration<{ runs: TDataSourceRun[] }, ApiError>) =>
  useSWR<{ runs: TDataSourceRun[] }, ApiError>(dataSourceId ? apiPaths.dataSourceRuns(instanceId, dataSourceId) : null, config);

/** null: not asked (the screen does not need them yet). */
export const useColumnSamples = (instanceId: string, dataSourceId: string | null) =>
  useSWR<TColumnSamples, ApiError>(dataSourceId ? apiPaths.dataSourceColumnSamples(instanceId, dataSourceId) : null, { revalidateOnFocus: false });

/** Whole for Admins, summaries (id, name, type) for everyone else; null key: not asked yet. */
export const useDestinations = (instanceId: string, enabled = true) =>
  useSWR<{ destinations: TDestinationView[] }, ApiError>(enabled ? apiPaths.destinations(instanceId) : null);

export const useRegistrations = (instanceId: string) =>
  useSWR<{ registrations: TTriggerRegistration[] }, ApiError>(apiPaths.registrations(instanceId));

/** The caller's Power Automate subscriptions of one type, polled while `pollMs` is set (the hand-off waits for a new one). */
export const useMyPowerAutomateSubscriptions = (instanceId: string, type: TTriggerType, pollMs?: number) =>
  useSWR<{ registrations: TTriggerRegistration[] }, ApiError>(apiPaths.registrations(instanceId, { origin: "powerAutomate", type, owner: "me" }), {
    refreshInterval: pollMs ?? 0,
  });

export const useRegistration = (instanceId: string, registrationId: string) =>
  useSWR<{ registration: TTriggerRegistration }, ApiError>(apiPaths.registration(instanceId, registrationId));

export const useDeliveries = (instanceId: string, registrationId: string, config?: SWRConfiguration<{ deliveries: TDelivery[] }, ApiError>) =>
  useSWR<{ deliveries: TDelivery[] }, ApiError>(apiPaths.registrationDeliveries(instanceId, registrationId), config);

export const useSegments = (instanceId: string, enabled = true) =>
  useSWR<{ segments: TSegment[] }, ApiError>(enabled ? apiPaths.segments(instanceId) : null);

/** With its latest computations, newest first; null: none chosen yet. */
export const useSegment = (instanceId: string, segmentId: string | null) =>
  useSWR<{ segment: TSegmentDetail }, ApiError>(segmentId ? apiPaths.segment(instanceId, segmentId) : null);

export const useMeasures = (instanceId: string, enabled = true) =>
  useSWR<{ measures: TMeasure[] }, ApiError>(enabled ? apiPaths.measures(instanceId) : null);

/** With its latest computations, newest first; null: none chosen yet. */
export const useMeasure = (instanceId: string, measureId: string | null) =>
  useSWR<{ measure: TMeasureDetail }, ApiError>(measureId ? apiPaths.measure(instanceId, measureId) : null);

/** GET …/unification/config: the configuration, the attributes it may use, and when it was last saved. */
export type TUnificationConfigView = { config: TUnificationConfig; attributes: TAttributeDefinition[]; updatedAt: string | null };

export const useUnificationConfig = (instanceId: string) => useSWR<TUnificationConfigView, ApiError>(apiPaths.unificationConfig(instanceId));

export const useUnificationRuns = (
  instanceId: string,
  page: { top: number; skip: number },
  config?: SWRConfiguration<{ runs: TUnificationRun[]; total: number }, ApiError>,
) => useSWR<{ runs: TUnificationRun[]; total: number }, ApiError>(apiPaths.unificationRuns(instanceId, page), config);

export const useProfiles = (instanceId: string, query: { search: string; top: number; skip: number }) =>
  useSWR<{ profiles: TCustomerProfile[]; total: number }, ApiError>(apiPaths.profiles(instanceId, query), { keepPreviousData: true });

export const useProfile = (instanceId: string, profileId: string) =>
  useSWR<{ profile: TCustomerProfileDetail }, ApiError>(apiPaths.profile(instanceId, profileId));

export const useSegmentMembers = (instanceId: string, segmentId: string, page: { top: number; skip: number }) =>
  useSWR<TSegmentMemberPage, ApiError>(apiPaths.segmentMembers(instanceId, segmentId, page), { keepPreviousData: true });
/** page null: not asked for yet. */
export const useRefreshJobs = (
  instanceId: string,
  page: { top: number; skip: number } | null,
  config?: SWRConfiguration<{ jobs: TRefreshJob[]; total: number }, ApiError>,
) => useSWR<{ jobs: TRefreshJob[]; total: number }, ApiError>(page ? apiPaths.refreshJobs(instanceId, page) : null, config);

/** null: no job to follow. */
export const useRefreshJob = (instanceId: string, jobId: string | null, config?: SWRConfiguration<{ job: TRefreshJob }, ApiError>) =>
  useSWR<{ job: TRefreshJob }, ApiError>(jobId ? apiPaths.refreshJob(instanceId, jobId) : null, config);

/** enabled false: not asked for yet. */
export const useRefreshSchedule = (instanceId: string, enabled = true) =>
  useSWR<{ schedule: TRefreshSchedule }, ApiError>(enabled ? apiPaths.refreshSchedule(instanceId) : null, { revalidateOnFocus: false });

export const isRunInProgress = (run: { status: string } | null | undefined) => run?.status === "queued" || run?.status === "running";
