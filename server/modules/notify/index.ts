/**
 * What other modules may use of 消息中心: `notifyUsers` to send an event message inside their own transaction,
 * `registerTodoSource` to have their live to-do list become messages (see sources.ts), and the delivery
 * channels (`notifyAdapters`: SMS / e-mail, the logging adapter by default) for messages to people without an account.
 */
export {
  LoggingAdapter,
  type NotifyAdapter,
  type NotifyAdapters,
  notifyAdapters,
  type Outgoing,
  type Recipient,
  setNotifyAdapters,
} from "./channels.js";
export { notifyUsers } from "./notify.service.js";
export { type DerivedTodo, registerTodoSource, type TodoSource } from "./sources.js";
