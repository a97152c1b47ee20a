-- A survey is answered through a link whose token only the customer gets (its SHA-256 is kept),
-- and its answer is tied to the agent and the engineer of the case.
ALTER TABLE csat_surveys
  ADD COLUMN token_sha256 BINARY(32) NULL AFTER channel,
  ADD COLUMN agent_user_id BIGINT UNSIGNED NULL AFTER token_sha256,
  ADD COLUMN engineer_id BIGINT UNSIGNED NULL AFTER agent_user_id,
  ADD UNIQUE KEY uk_csat_token (token_sha256),
  ADD CONSTRAINT fk_csat_agent FOREIGN KEY (agent_user_id) REFERENCES users (id) ON DELETE SET NULL,
  ADD CONSTRAINT fk_csat_engineer FOREIGN KEY (engineer_id) REFERENCES engineers (id) ON DELETE SET NULL;
