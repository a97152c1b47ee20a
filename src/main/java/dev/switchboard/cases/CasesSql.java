package dev.switchboard.cases;

/** The SQL of cases and their audit trail. */
final class CasesSql {

    static final String ACCOUNT_BY_NUMBER = "SELECT id FROM accounts WHERE account_number = #{number}";

    static final String JOURNEY_BY_LINKEDID =
            "SELECT id FROM call_journeys WHERE linkedid = #{linkedid} ORDER BY id DESC LIMIT 1";

    static final String CASE_BY_REQUEST = "SELECT id FROM cases WHERE request_ref = #{reference}";

    static final String INSERT_CASE = """
            INSERT INTO cases (request_ref, account_id, channel, category, priority, description, call_journey_id,
                               created_by_user_id, created_at, updated_at)
            VALUES (#{reference}, #{account}, #{channel}, #{category}, #{priority}, #{description}, #{journey},
                    #{user}, #{now}, #{now})
            RETURNING id
            """;

    static final String CASE = """
            SELECT c.id, c.account_id, a.account_number, a.name AS account_name, c.channel, c.category, c.priority,
                   c.status, c.resolution_code, c.description, c.call_journey_id, c.version, c.created_at,
                   c.updated_at, c.closed_at
              FROM cases c JOIN accounts a ON a.id = c.account_id
             WHERE c.id = #{id}
            """;

    /** Who a case is assigned to (NULL: the whole team's); no row if there is no such case. */
    static final String CASE_ASSIGNEE = "SELECT assigned_user_id FROM cases WHERE id = #{id}";

    static final String VISIT_CASE_ASSIGNEE = """
            SELECT c.assigned_user_id FROM visits v JOIN cases c ON c.id = v.case_id WHERE v.id = #{id}
            """;

    /** Open cases a user works: assigned to them, or opened by them and assigned to nobody. */
    static final String MY_CASES = """
            SELECT c.id, a.account_number, a.name AS account_name, c.category, c.priority, c.status, c.updated_at
              FROM cases c JOIN accounts a ON a.id = c.account_id
             WHERE (c.assigned_user_id = #{user} OR (c.assigned_user_id IS NULL AND c.created_by_user_id = #{user}))
               AND c.status NOT IN ('closed', 'cancelled')
             ORDER BY c.updated_at DESC LIMIT 200
            """;

    static final String LOCK_CASE = "SELECT status, version FROM cases WHERE id = #{id} FOR UPDATE";

    static final String EDIT_CASE = """
            UPDATE cases SET category = #{category}, priority = #{priority}, description = #{description},
                             version = version + 1, updated_at = #{now}
             WHERE id = #{id}
            """;

    static final String MOVE_CASE = """
            UPDATE cases SET status = #{to}, resolution_code = #{resolution}, closed_at = #{closedAt},
                             version = version + 1, updated_at = #{now}
             WHERE id = #{id}
            """;

    static final String INSERT_EVENT = """
            INSERT INTO case_events (case_id, at, actor_user_id, actor, kind, from_status, to_status, reason)
            VALUES (#{id}, #{now}, #{user}, #{actor}, #{kind}, #{from}, #{to}, #{reason})
            """;

    static final String EVENTS = """
            SELECT at, actor, kind, from_status, to_status, reason FROM case_events
             WHERE case_id = #{id} ORDER BY at, id
            """;

    /** Each stay of the case in a state: when it began, and when the next state began (null: still in it). */
    static final String STAYS = """
            SELECT to_status AS status, at AS began,
                   LEAD(at) OVER (ORDER BY at, id) AS ended
              FROM case_events
             WHERE case_id = #{id} AND to_status IS NOT NULL
             ORDER BY at, id
            """;

    /** The calls that touched a case: the one it was opened from and those of its callbacks, with their last leg. */
    static final String TIMELINE_CALLS = """
            SELECT j.linkedid, j.caller_number, j.started_at, j.ended_at,
                   l.queue_name, l.outcome, l.agent_member_name, l.talk_seconds
              FROM call_journeys j
              LEFT JOIN call_legs l ON l.journey_id = j.id
                   AND l.leg_no = (SELECT MAX(l2.leg_no) FROM call_legs l2 WHERE l2.journey_id = j.id)
             WHERE j.id IN (SELECT c.call_journey_id FROM cases c WHERE c.id = #{id}
                            UNION SELECT b.call_journey_id FROM callbacks b WHERE b.case_id = #{id})
             ORDER BY j.started_at, j.id
            """;

    /** A case's visits, cancelled ones too, with the engineer's report when there is one. */
    static final String TIMELINE_VISITS = """
            SELECT v.id, v.engineer_id, e.name AS engineer, v.starts_at, v.ends_at, v.status, v.created_at,
                   v.customer_advised_at, v.customer_advised_via, r.outcome, r.work_done, r.reported_at
              FROM visits v JOIN engineers e ON e.id = v.engineer_id
              LEFT JOIN engineer_reports r ON r.visit_id = v.id
             WHERE v.case_id = #{id}
             ORDER BY v.starts_at, v.id
            """;

    static final String TIMELINE_CALLBACKS = """
            SELECT b.id, b.source, b.status, b.requested_at, b.due_at, b.note, b.outcome, u.username AS assignee
              FROM callbacks b LEFT JOIN users u ON u.id = b.assignee_user_id
             WHERE b.case_id = #{id}
             ORDER BY b.requested_at, b.id
            """;

    static final String TIMELINE_ARTICLES = """
            SELECT a.id, a.title, ca.solved_it, ca.linked_at
              FROM case_articles ca JOIN kb_articles a ON a.id = ca.article_id
             WHERE ca.case_id = #{id}
             ORDER BY ca.linked_at, a.id
            """;

    /** Time spent in each state by the cases opened in [from, to): where the flow waits. */
    static final String TIME_IN_STATES = """
            SELECT status, COUNT(*) AS stays,
                   AVG(TIMESTAMPDIFF(SECOND, began, COALESCE(ended, #{now}))) AS average_seconds,
                   MAX(TIMESTAMPDIFF(SECOND, began, COALESCE(ended, #{now}))) AS longest_seconds,
                   SUM(ended IS NULL) AS still_in_it
              FROM (SELECT e.to_status AS status, e.at AS began,
                           LEAD(e.at) OVER (PARTITION BY e.case_id ORDER BY e.at, e.id) AS ended
                      FROM case_events e JOIN cases c ON c.id = e.case_id
                     WHERE c.created_at >= #{from} AND c.created_at < #{to} AND e.to_status IS NOT NULL) stays
             GROUP BY status
             ORDER BY average_seconds DESC
            """;

    private CasesSql() {
    }
}
