-- Help content as data: the candidates' help centre and the reviewers' manual and tips, one JSON document per
-- audience and language as the exam region edited it. No row: the shipped document (version 0) applies.
CREATE TABLE help_documents (
  audience    text NOT NULL CHECK (audience IN ('candidate', 'reviewer')),
  locale      text NOT NULL CHECK (locale IN ('zh-CN', 'en-US')),
  content     jsonb NOT NULL,
  version     integer NOT NULL CHECK (version > 0),
  updated_at  timestamptz NOT NULL,
  updated_by  uuid NOT NULL REFERENCES staff_accounts (id),
  PRIMARY KEY (audience, locale)
);
