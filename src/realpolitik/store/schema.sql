-- The corpus store's tables (DuckDB). Documented in docs/corpus.md; changing a column means a new
-- schema_version in the meta table and a migration in corpus/store.py.
-- Every extraction table is keyed by document_id; a document's rows are written in one transaction
-- together with its row in `extractions`, so a document either has all of them or none.

CREATE TABLE IF NOT EXISTS meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    id VARCHAR PRIMARY KEY,            -- sha256 of the original bytes
    path VARCHAR,                      -- where the bytes were first read from
    title VARCHAR,
    author VARCHAR,
    published VARCHAR,                 -- as the reader found it (ISO date where known)
    language VARCHAR,
    source_format VARCHAR NOT NULL,    -- txt, md, html, pdf
    n_chars INTEGER NOT NULL,
    n_words INTEGER NOT NULL,
    text VARCHAR NOT NULL,             -- the normalised text every offset indexes
    sections VARCHAR NOT NULL,         -- JSON list of {title, start, end}
    notes VARCHAR[] NOT NULL,
    added_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS extractions (
    document_id VARCHAR PRIMARY KEY REFERENCES documents (id),
    extracted_at TIMESTAMP NOT NULL,
    seconds DOUBLE,                    -- time the extractor took on this document
    worker VARCHAR,                    -- host:pid of the process that ran it
    n_actors INTEGER NOT NULL,
    n_mentions INTEGER NOT NULL,
    n_events INTEGER NOT NULL,
    n_relations INTEGER NOT NULL,
    n_causal_links INTEGER NOT NULL,
    n_forecasts INTEGER NOT NULL,
    notes VARCHAR[] NOT NULL,
    payload VARCHAR NOT NULL           -- the whole Extraction as JSON (Extraction.model_dump())
);

CREATE TABLE IF NOT EXISTS failures (
    document_id VARCHAR NOT NULL,
    failed_at TIMESTAMP NOT NULL,
    error VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS actors (
    document_id VARCHAR NOT NULL REFERENCES documents (id),
    actor_id VARCHAR NOT NULL,         -- the extraction's id, unique within one document
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    role VARCHAR,
    affiliation VARCHAR,
    aliases VARCHAR[] NOT NULL,
    PRIMARY KEY (document_id, actor_id)
);

CREATE TABLE IF NOT EXISTS mentions (
    document_id VARCHAR NOT NULL REFERENCES documents (id),
    actor_id VARCHAR NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS events (
    document_id VARCHAR NOT NULL REFERENCES documents (id),
    event_id VARCHAR NOT NULL,
    date VARCHAR,                      -- EDTF
    date_text VARCHAR,
    description VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    actors VARCHAR[] NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    evidence_text VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS relations (
    document_id VARCHAR NOT NULL REFERENCES documents (id),
    ordinal INTEGER NOT NULL,          -- position in the extraction's list
    source VARCHAR NOT NULL,           -- actor_id in the same document
    target VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    polarity DOUBLE NOT NULL,
    valid_from VARCHAR,
    valid_to VARCHAR,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    evidence_text VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS causal_links (
    document_id VARCHAR NOT NULL REFERENCES documents (id),
    ordinal INTEGER NOT NULL,
    cause VARCHAR NOT NULL,
    effect VARCHAR NOT NULL,
    polarity INTEGER NOT NULL,
    hedge VARCHAR,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    evidence_text VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS forecasts (
    document_id VARCHAR NOT NULL REFERENCES documents (id),
    ordinal INTEGER NOT NULL,
    statement VARCHAR NOT NULL,
    actors VARCHAR[] NOT NULL,
    estimative_term VARCHAR NOT NULL,
    band VARCHAR,
    probability_low DOUBLE NOT NULL,
    probability_high DOUBLE NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    evidence_text VARCHAR NOT NULL
);
