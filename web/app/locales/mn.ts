// The shipped Mongolian set lives in contracts/console-i18n (the server serves it overridden by edited strings);
// this chunk is fetched only when the user has chosen 蒙古文 and the server's set could not be read.
export { consoleMn } from "../../../contracts/console-i18n/mn";
