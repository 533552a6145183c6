-- Cairn metadata schema on PostgreSQL, version 3: agent sign-in (MCP's OAuth 2.1), SQLite's 007_agent_grants.sql:
-- registered clients, the grants people approved on the consent page, and the one-time credentials of each grant
-- (authorization codes and refresh tokens, stored as their SHA-256 only).
CREATE TABLE oauth_clients (
    client_id     text COLLATE "C" NOT NULL PRIMARY KEY,
    client_name   text   NOT NULL,
    redirect_uris text   NOT NULL, -- JSON array of exact URIs
    created_at    bigint NOT NULL
);

CREATE TABLE agent_grants (
    grant_id       text COLLATE "C" NOT NULL PRIMARY KEY,
    account_id     text COLLATE "C" NOT NULL,
    key_id         text COLLATE "C" NOT NULL,
    client_id      text COLLATE "C" NOT NULL,
    client_name    text   NOT NULL,
    capabilities   text   NOT NULL, -- JSON array
    bucket_ids     text,            -- JSON array; NULL: the key's
    name_prefix    text,
    resource       text   NOT NULL,
    redirect_uri   text   NOT NULL,
    code_challenge text   NOT NULL,
    created_at     bigint NOT NULL,
    expires_at     bigint NOT NULL
);

CREATE INDEX agent_grants_by_account ON agent_grants (account_id, created_at, grant_id);

CREATE TABLE grant_credentials (
    hash       text COLLATE "C" NOT NULL PRIMARY KEY, -- hex SHA-256 of the credential
    kind       integer NOT NULL,                      -- 1 authorization code, 2 refresh token
    grant_id   text COLLATE "C" NOT NULL,
    expires_at bigint  NOT NULL,
    used_at    bigint
);

CREATE INDEX grant_credentials_by_grant ON grant_credentials (grant_id);
