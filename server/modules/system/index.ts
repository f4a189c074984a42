/** What other modules may use of 系统设置. */
export { getWorkingCalendar } from "./calendar.service.js";
export { jobFailed } from "./jobs.service.js";
export { type RegionMapInfo, regionMapFor, regionMapGeoJson } from "./maps.service.js";
export { type PlatformSettings, platformSettings } from "./platform.settings.js";
