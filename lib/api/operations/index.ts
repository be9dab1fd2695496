import type { Operation } from "../operation";
import * as apiDescription from "./api-description";
import * as audit from "./audit";
import * as dataSources from "./data-sources";
import * as deliveries from "./deliveries";
import * as destinations from "./destinations";
import * as instances from "./instances";
import * as measures from "./measures";
import * as segments from "./segments";
import * as subscriptions from "./subscriptions";
import * as refreshJobs from "./refresh-jobs";
import * as triggerRegistrations from "./trigger-registrations";
import * as unification from "./unification";

/** Every operation of the API. A module here exports operations only; each export's name is its operationId. */
export const apiOperations: readonly Operation[] = [
  ...Object.values(instances),
  ...Object.values(dataSources),
  ...Object.values(unification),
  ...Object.values(segments),
  ...Object.values(measures),
  ...Object.values(refreshJobs),
  ...Object.values(triggerRegistrations),
  ...Object.values(subscriptions),
  ...Object.values(deliveries),
  ...Object.values(destinations),
  ...Object.values(audit),
  ...Object.values(apiDescription),
] as Operation[];
