// The shipped Mongolian set lives in contracts/portal-i18n (the server serves it overridden by edited strings);
// this module is the lazily loaded chunk the portal falls back to when that request fails.
export { portalMn } from "../../contracts/portal-i18n/mn";
