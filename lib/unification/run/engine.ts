import { assignProfileIds } from "../engine/assign-profile-ids";
import { mapSource } from "../engine/map-source";
import { matchRecords } from "../engine/match-records";
import { mergeProfile } from "../engine/merge-profile";
import type { UnificationEngine } from "./engine-port";

/** The pure engine (lib/unification/engine/) as the runs use it. */
export const unificationEngine: UnificationEngine = { mapSource, matchRecords, mergeProfile, assignProfileIds };
