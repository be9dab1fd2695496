import type { ConnectorParameter } from "../operation";

// Parameters many connector operations share, and the dropdowns (x-ms-dynamic-values) that fill
// them: instance → data source / segment / measure, each list from the connector's own actions.

const fromInstance = { instanceId: { parameter: "instanceId" } };

export const instanceParameter: ConnectorParameter = {
  summary: "Instance",
  description: "The Audience Insights instance.",
  visibility: "important",
  dynamicValues: { operationId: "ListInstances", valueCollection: "instances", valuePath: "id", valueTitle: "name" },
};

export const dataSourceParameter: ConnectorParameter = {
  summary: "Data source",
  description: "The data source of the instance.",
  visibility: "important",
  dynamicValues: { operationId: "ListDataSources", valueCollection: "dataSources", valuePath: "id", valueTitle: "name", parameters: fromInstance },
};

export const segmentParameter: ConnectorParameter = {
  summary: "Segment",
  description: "The segment of the instance.",
  visibility: "important",
  dynamicValues: { operationId: "ListSegments", valueCollection: "segments", valuePath: "id", valueTitle: "name", parameters: fromInstance },
};

export const measureParameter: ConnectorParameter = {
  summary: "Business measure",
  description: "The business measure of the instance.",
  visibility: "important",
  dynamicValues: { operationId: "ListMeasures", valueCollection: "measures", valuePath: "id", valueTitle: "name", parameters: fromInstance },
};

/** What the subscribe bodies share: the callback URL Power Automate fills in, and the name. */
export const subscriptionParameters: Record<string, ConnectorParameter> = {
  callbackUrl: {
    summary: "Callback URL",
    description: "Where Power Automate receives the events; filled in by Power Automate.",
    visibility: "internal",
    notificationUrl: true,
  },
  displayName: {
    summary: "Name",
    description: "The trigger's name in Audience Insights; by default the trigger's own.",
    visibility: "advanced",
  },
};

export const thresholdParameters: Record<string, ConnectorParameter> = {
  threshold: { summary: "Threshold", description: "The value whose crossing fires the trigger.", visibility: "important" },
  direction: {
    summary: "Direction",
    description: "Which crossing fires: above (the default, as in Customer Insights), below, or either.",
    visibility: "advanced",
  },
  hysteresis: {
    summary: "Hysteresis",
    description: "After a firing, how far back past the threshold the value must go before the trigger can fire again; none by default.",
    visibility: "advanced",
  },
  "hysteresis.kind": { summary: "Margin kind", description: "The margin as an absolute value or as a percent of the threshold.", visibility: "advanced" },
  "hysteresis.value": { summary: "Margin", description: "The margin, zero or more.", visibility: "advanced" },
};

export const profileQueryParameters: Record<string, ConnectorParameter> = {
  search: { summary: "Search", description: "Words that the profile's name, email or phone must all contain.", visibility: "advanced" },
  $top: { summary: "Top count", description: "How many profiles to return (1 to 200; default 50).", visibility: "advanced" },
  $skip: { summary: "Skip count", description: "How many profiles to skip, for the next page (default 0).", visibility: "advanced" },
};
