CREATE TABLE "data_revisions" (
	"key" text PRIMARY KEY NOT NULL,
	"revision" bigint DEFAULT 0 NOT NULL
);
