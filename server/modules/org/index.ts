/** What other modules may use of 组织机构 and 行政区划. */
// org.refs first: a leaf other modules may call at load time (see its note).

export { abbreviationDictionary } from "./abbreviation.service.js";
export { orgIsEthnicAffairsDeptSql, orgMatchesSql, orgNameSql, regionNameSql } from "./org.refs.js";
export {
  countOrgs,
  createOrg,
  ensureOrgNamed,
  ethnicAffairsDeptRegions,
  findOrgIdsByName,
  insertOrg,
  type OrgBrief,
  type OrgRef,
  orgBriefs,
  orgById,
  orgMongolianNames,
  orgsInRegionTree,
} from "./org.service.js";
export {
  ancestorCodes,
  childRegions,
  countRegions,
  getRegion,
  regionByCode,
  regionExists,
  regionNames,
  regionsAround,
  regionsAtLength,
} from "./region.service.js";

import "./org.audit-names.js";
