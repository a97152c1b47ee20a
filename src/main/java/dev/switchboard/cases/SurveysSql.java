package dev.switchboard.cases;

/** The SQL of satisfaction surveys. */
final class SurveysSql {

    /** A survey for the case's latest closure, tied to its agent and the engineer of its last visit. */
    static final String CREATE = """
            INSERT INTO csat_surveys (case_id, closure_no, channel, token_sha256, agent_user_id, engineer_id, sent_at)
            SELECT c.id,
                   (SELECT COALESCE(MAX(s.closure_no), 0) + 1 FROM csat_surveys s WHERE s.case_id = c.id),
                   'sms', #{token}, COALESCE(c.assigned_user_id, c.created_by_user_id),
                   (SELECT v.engineer_id FROM visits v WHERE v.case_id = c.id AND v.status = 'completed'
                     ORDER BY v.starts_at DESC LIMIT 1),
                   #{now}
              FROM cases c WHERE c.id = #{case}
            RETURNING id
            """;

    static final String BY_TOKEN = "SELECT id, case_id, score, sent_at FROM csat_surveys WHERE token_sha256 = #{token}";

    static final String BY_TOKEN_FOR_UPDATE = BY_TOKEN + " FOR UPDATE";

    static final String ANSWER = """
            UPDATE csat_surveys SET score = #{score}, nps = #{nps}, comment = #{comment}, answered_at = #{now}
             WHERE id = #{id}
            """;

    static final String OF_CASE = """
            SELECT s.id, s.closure_no, s.channel, s.sent_at, s.score, s.nps, s.comment, s.answered_at,
                   u.username AS agent, e.name AS engineer
              FROM csat_surveys s LEFT JOIN users u ON u.id = s.agent_user_id
              LEFT JOIN engineers e ON e.id = s.engineer_id
             WHERE s.case_id = #{case} ORDER BY s.closure_no
            """;

    private SurveysSql() {
    }
}
