"use client";

import useSWR, { type SWRConfiguration } from "swr";
import type { TDataSource, TDataSourceRun } from "../datasources/schemas";
import type { TDelivery } from "../delivery/schemas";
import type { TTriggerRegistration } from "../triggers/schemas";
import type { ApiError } from "./api-client";
import { apiPaths } from "./api-paths";

// SWR hooks over the API. The fetcher (apiGet) is set once in app/providers.tsx.

export type TInstanceSummary = { id: string; name: string };

export const useInstances = () => useSWR<{ instances: TInstanceSummary[] }, ApiError>(apiPaths.instances());

export const useDataSources = (instanceId: string, config?: SWRConfiguration<{ dataSources: TDataSource[] }, ApiError>) =>
  useSWR<{ dataSources: TDataSource[] }, ApiError>(apiPaths.dataSources(instanceId), config);

export const useDataSourceRuns = (instanceId: string, dataSourceId: string | null, config?: SWRConfiguration<{ runs: TDataSourceRun[] }, ApiError>) =>
  useSWR<{ runs: TDataSourceRun[] }, ApiError>(dataSourceId ? apiPaths.dataSourceRuns(instanceId, dataSourceId) : null, config);

export const useRegistrations = (instanceId: string) =>
  useSWR<{ registrations: TTriggerRegistration[] }, ApiError>(apiPaths.registrations(instanceId));

export const useRegistration = (instanceId: string, registrationId: string) =>
  useSWR<{ registration: TTriggerRegistration }, ApiError>(apiPaths.registration(instanceId, registrationId));

export const useDeliveries = (instanceId: string, registrationId: string, config?: SWRConfiguration<{ deliveries: TDelivery[] }, ApiError>) =>
  useSWR<{ deliveries: TDelivery[] }, ApiError>(apiPaths.registrationDeliveries(instanceId, registrationId), config);

export const isRunInProgress = (run: TDataSourceRun | null | undefined) => run?.status === "queued" || run?.status === "running";
