DROP TABLE help_documents;
