import type { Db, DbTransaction } from "../db/client";
import type { TAttributeType } from "../unification/attributes";
import { attributeTypesOf } from "../unification/attribute-definitions";
import { readConfig } from "../unification/get-config";
import type { SegmentScope } from "./compile-rule";

/** The instance's attributes (standard and custom) and their types, as its unification configuration defines them now. */
export const instanceAttributeTypes = async (db: Db | DbTransaction, scope: SegmentScope): Promise<ReadonlyMap<string, TAttributeType>> =>
  attributeTypesOf((await readConfig(db, scope)).config.customAttributes);
