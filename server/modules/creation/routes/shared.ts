export const tags = ["示范创建"];
