package dev.switchboard.knowledge;

/** The SQL of the knowledge base. */
final class KnowledgeSql {

    static final String INSERT_ARTICLE = """
            INSERT INTO kb_articles (title, body, category, tags) VALUES (#{title}, #{body}, #{category}, #{tags})
            RETURNING id, title, body, category, tags
            """;

    /** Full-text search, best match first (natural language mode on title, body and tags). */
    static final String SEARCH = """
            SELECT id, title, LEFT(body, 300) AS excerpt, category, tags,
                   MATCH (title, body, tags) AGAINST (#{q} IN NATURAL LANGUAGE MODE) AS relevance
              FROM kb_articles
             WHERE MATCH (title, body, tags) AGAINST (#{q} IN NATURAL LANGUAGE MODE)
             ORDER BY relevance DESC LIMIT #{limit}
            """;

    /** Articles of a category, those matching the text (a case's description) first. */
    static final String SUGGEST = """
            SELECT id, title, LEFT(body, 300) AS excerpt, category, tags,
                   MATCH (title, body, tags) AGAINST (#{q} IN NATURAL LANGUAGE MODE) AS relevance
              FROM kb_articles
             WHERE category = #{category}
             ORDER BY relevance DESC, id LIMIT 5
            """;

    static final String LINK = """
            INSERT INTO case_articles (case_id, article_id, solved_it, linked_by_user_id)
            VALUES (#{case}, #{article}, #{solved}, #{user})
            ON DUPLICATE KEY UPDATE solved_it = solved_it OR VALUES(solved_it)
            """;

    static final String ARTICLE_TITLE = "SELECT title FROM kb_articles WHERE id = #{article}";

    /** How often each article solved a request on the call, in the period. */
    static final String SOLVED_WITH = """
            SELECT a.id, a.title, COUNT(*) AS solved
              FROM case_articles ca JOIN kb_articles a ON a.id = ca.article_id
             WHERE ca.solved_it AND ca.linked_at >= #{from} AND ca.linked_at < #{to}
             GROUP BY a.id, a.title ORDER BY solved DESC, a.id LIMIT 50
            """;

    private KnowledgeSql() {
    }
}
