-- Cairn metadata schema, version 7: agent sign-in (MCP's OAuth 2.1): registered clients, the grants people approved on
-- the consent page, and the one-time credentials of each grant (authorization codes and refresh tokens, hashed).
CREATE TABLE oauth_clients (
    client_id     TEXT    NOT NULL PRIMARY KEY,
    client_name   TEXT    NOT NULL,
    redirect_uris TEXT    NOT NULL, -- JSON array of exact URIs
    created_at    INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE agent_grants (
    grant_id       TEXT    NOT NULL PRIMARY KEY,
    account_id     TEXT    NOT NULL,
    key_id         TEXT    NOT NULL,
    client_id      TEXT    NOT NULL,
    client_name    TEXT    NOT NULL,
    capabilities   TEXT    NOT NULL, -- JSON array
    bucket_ids     TEXT,             -- JSON array; NULL: the key's
    name_prefix    TEXT,
    resource       TEXT    NOT NULL,
    redirect_uri   TEXT    NOT NULL,
    code_challenge TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX agent_grants_by_account ON agent_grants (account_id, created_at, grant_id);

CREATE TABLE grant_credentials (
    hash       TEXT    NOT NULL PRIMARY KEY, -- hex SHA-256 of the credential
    kind       INTEGER NOT NULL,             -- 1 authorization code, 2 refresh token
    grant_id   TEXT    NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
) WITHOUT ROWID;

CREATE INDEX grant_credentials_by_grant ON grant_credentials (grant_id);
