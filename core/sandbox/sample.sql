SET client_min_messages = warning;
DROP SCHEMA IF EXISTS policy CASCADE;
DROP SCHEMA IF EXISTS edc CASCADE;
CREATE SCHEMA edc;
CREATE SCHEMA policy;

CREATE TABLE edc.tenant (
  id         serial PRIMARY KEY,
  name       text NOT NULL UNIQUE,
  subdomain  text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL
);
CREATE TABLE edc.artifact (
  id        bigserial PRIMARY KEY,
  tenant_id int NOT NULL REFERENCES edc.tenant (id) ON DELETE CASCADE,
  name      text NOT NULL,
  kind      text NOT NULL CHECK (kind IN ('integration-flow', 'value-mapping', 'script-collection', 'api-proxy')),
  version   text NOT NULL,
  UNIQUE (tenant_id, name, version)
);
CREATE TABLE edc.deployment (
  id           bigserial PRIMARY KEY,
  artifact_id  bigint NOT NULL REFERENCES edc.artifact (id) ON DELETE CASCADE,
  runtime_node text NOT NULL,
  state        text NOT NULL CHECK (state IN ('STARTING', 'STARTED', 'ERROR', 'STOPPED')),
  deployed_at  timestamptz NOT NULL,
  settings     jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX deployment_artifact_idx ON edc.deployment (artifact_id);
CREATE INDEX deployment_unhealthy_idx ON edc.deployment (state) WHERE state <> 'STARTED';
CREATE SEQUENCE edc.message_seq START 100000;
CREATE TABLE edc.message_log (
  id             bigint PRIMARY KEY DEFAULT nextval('edc.message_seq'),
  deployment_id  bigint NOT NULL REFERENCES edc.deployment (id) ON DELETE CASCADE,
  correlation_id uuid NOT NULL UNIQUE,
  status         text NOT NULL,
  size_bytes     int NOT NULL CHECK (size_bytes >= 0),
  logged_at      timestamptz NOT NULL
);
ALTER SEQUENCE edc.message_seq OWNED BY edc.message_log.id;
CREATE INDEX message_log_deployment_time_idx ON edc.message_log (deployment_id, logged_at);

CREATE TABLE policy.policy (
  id        serial PRIMARY KEY,
  tenant_id int NOT NULL REFERENCES edc.tenant (id) ON DELETE CASCADE,
  name      text NOT NULL,
  enforced  boolean NOT NULL DEFAULT true,
  UNIQUE (tenant_id, name)
);
CREATE TABLE policy.rule (
  id         bigserial PRIMARY KEY,
  policy_id  int NOT NULL REFERENCES policy.policy (id) ON DELETE CASCADE,
  position   int NOT NULL,
  action     text NOT NULL CHECK (action IN ('allow', 'deny', 'throttle', 'log')),
  expression text NOT NULL,
  UNIQUE (policy_id, position)
);
CREATE TABLE policy.assignment (
  policy_id   int NOT NULL REFERENCES policy.policy (id) ON DELETE CASCADE,
  artifact_id bigint NOT NULL REFERENCES edc.artifact (id) ON DELETE CASCADE,
  assigned_at timestamptz NOT NULL,
  PRIMARY KEY (policy_id, artifact_id)
);
CREATE INDEX assignment_artifact_idx ON policy.assignment (artifact_id);

CREATE VIEW edc.deployment_summary AS
  SELECT t.name AS tenant, d.state, count(*) AS deployments
  FROM edc.deployment d
  JOIN edc.artifact a ON a.id = d.artifact_id
  JOIN edc.tenant t ON t.id = a.tenant_id
  GROUP BY t.name, d.state;

INSERT INTO edc.tenant (name, subdomain, created_at)
SELECT 'tenant-' || i, 'cell' || i || '.example.test', timestamptz '2024-01-15 09:00+00' + i * interval '7 days'
FROM generate_series(1, 4) i;

INSERT INTO edc.artifact (tenant_id, name, kind, version)
SELECT 1 + i % 4, 'artifact-' || lpad(i::text, 3, '0'),
       (ARRAY['integration-flow', 'value-mapping', 'script-collection', 'api-proxy'])[1 + i % 7 % 4],
       '1.' || (i % 5) || '.0'
FROM generate_series(1, 60) i;

INSERT INTO edc.deployment (artifact_id, runtime_node, state, deployed_at, settings)
SELECT 1 + i % 60, 'worker-' || (i % 3),
       CASE WHEN i % 17 = 0 THEN 'ERROR' WHEN i % 11 = 0 THEN 'STOPPED' WHEN i % 29 = 0 THEN 'STARTING' ELSE 'STARTED' END,
       timestamptz '2024-05-01 08:00+00' + i * interval '37 minutes',
       jsonb_build_object('replicas', 1 + i % 3, 'trace', i % 10 = 0)
FROM generate_series(1, 120) i;

INSERT INTO edc.message_log (deployment_id, correlation_id, status, size_bytes, logged_at)
SELECT 1 + i % 120, md5('message-' || i)::uuid,
       CASE WHEN i % 23 = 0 THEN 'FAILED' WHEN i % 9 = 0 THEN 'RETRY' ELSE 'COMPLETED' END,
       (i * 7919) % 65536,
       timestamptz '2024-05-02 00:00+00' + i * interval '90 seconds'
FROM generate_series(1, 500) i;

INSERT INTO policy.policy (tenant_id, name, enforced)
SELECT 1 + i % 4, 'policy-' || i, i % 5 <> 0
FROM generate_series(1, 12) i;

INSERT INTO policy.rule (policy_id, position, action, expression)
SELECT p, r, (ARRAY['allow', 'deny', 'throttle', 'log'])[1 + (p + r) % 4],
       format('header(''x-tenant'') = ''tenant-%s'' and rate < %s', 1 + p % 4, 100 * r)
FROM generate_series(1, 12) p, generate_series(1, 4) r;

INSERT INTO policy.assignment (policy_id, artifact_id, assigned_at)
SELECT 1 + i % 12, i, timestamptz '2024-05-01 12:00+00' + i * interval '1 hour'
FROM generate_series(1, 60) i
WHERE i % 4 <> 3;

ANALYZE;
SELECT (SELECT count(*) FROM edc.tenant) + (SELECT count(*) FROM edc.artifact)
     + (SELECT count(*) FROM edc.deployment) + (SELECT count(*) FROM edc.message_log)
     + (SELECT count(*) FROM policy.policy) + (SELECT count(*) FROM policy.rule)
     + (SELECT count(*) FROM policy.assignment);
