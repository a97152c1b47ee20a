-- The knowledge base: articles found by full text and suggested by category; the article that
-- solved a request is linked to its case.

CREATE TABLE kb_articles (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  title           VARCHAR(200) NOT NULL,
  body            TEXT         NOT NULL,
  category        VARCHAR(64)  NOT NULL,
  tags            VARCHAR(500) NOT NULL DEFAULT '' COMMENT 'product and topic tags, space-separated',
  created_at      DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY ix_kb_articles_category (category),
  FULLTEXT KEY ft_kb_articles (title, body, tags)
) ENGINE=InnoDB;

CREATE TABLE case_articles (
  case_id         BIGINT UNSIGNED NOT NULL,
  article_id      BIGINT UNSIGNED NOT NULL,
  solved_it       BOOLEAN      NOT NULL DEFAULT FALSE,
  linked_at       DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  linked_by_user_id BIGINT UNSIGNED NULL,
  PRIMARY KEY (case_id, article_id),
  KEY ix_case_articles_article (article_id, solved_it),
  CONSTRAINT fk_case_articles_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE,
  CONSTRAINT fk_case_articles_article FOREIGN KEY (article_id) REFERENCES kb_articles (id) ON DELETE CASCADE,
  CONSTRAINT fk_case_articles_user FOREIGN KEY (linked_by_user_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB;
