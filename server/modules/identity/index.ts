/** What other modules may use of 用户与权限. */
// identity.refs first: a leaf other modules may call at load time (see its note).
export { userNameSql } from "./identity.refs.js";
export { printCreatedAdmins } from "./identity.seed.js";
export { generatePassword } from "./password.js";
export { BUILTIN_ROLES, roleIdsByCode } from "./role.service.js";
export { loadActorForUser } from "./session.service.js";
export {
  activeExperts,
  activePermissionHolders,
  countActiveUsersOfOrg,
  countAudience,
  countUsers,
  createUser,
  inAudience,
  moveOrgUsersToRegion,
  pageAudience,
  setUserRoles,
  someHolderOfRole,
  userContact,
  userDisplayName,
  userIdByUsername,
  waiveFirstPasswordChange,
} from "./user.service.js";

import "./identity.audit-names.js";
