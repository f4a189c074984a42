/**
 * What other modules may use of 消息中心: `notifyUsers` to send an event message inside their own transaction,
 * and `registerTodoSource` to have their live to-do list become messages (see sources.ts).
 */
export { notifyUsers } from "./notify.service.js";
export { type DerivedTodo, registerTodoSource, type TodoSource } from "./sources.js";
