package dev.switchboard.messages;

/** The outbox's SQL; {@code ix_customer_messages_due} serves the due scan, {@code ..._case} the case list. */
final class OutboxSql {

    private OutboxSql() {
    }

    /** Who the case's account is and how to reach it: e-mail, preference, first mobile, service address. */
    static final String RECIPIENT = """
            SELECT a.name, a.email, a.preferred_channel,
                   (SELECT p.e164 FROM account_phones p WHERE p.account_id = a.id AND p.kind = 'mobile'
                     ORDER BY p.id LIMIT 1) AS mobile,
                   s.line1, s.line2, s.city, s.postcode
              FROM cases c JOIN accounts a ON a.id = c.account_id
              LEFT JOIN service_addresses s ON s.id = c.service_address_id
             WHERE c.id = #{case}
            """;

    static final String INSERT = """
            INSERT INTO customer_messages (message_key, case_id, visit_id, kind, channel, recipient, subject, body,
                                           calendar, status, last_error, next_attempt_at, created_at)
            VALUES (#{key}, #{case}, #{visit}, #{kind}, #{channel}, #{recipient}, #{subject}, #{body},
                    #{calendar}, #{status}, #{error}, #{now}, #{now})
            """;

    private static final String DUE = """
            ((status = 'queued' AND next_attempt_at <= #{now}) OR (status = 'sending' AND lease_until < #{now}))
               AND ((channel = 'email' AND #{email}) OR (channel = 'sms' AND #{sms}))
            """;

    static final String DUE_IDS = "SELECT id FROM customer_messages WHERE " + DUE + " ORDER BY id LIMIT 20";

    /** Claims one due message: 1 row changed means this sender has it until the lease runs out. */
    static final String CLAIM = "UPDATE customer_messages SET status = 'sending', lease_until = #{lease}, "
            + "attempts = attempts + 1 WHERE id = #{id} AND " + DUE;

    static final String MESSAGE = """
            SELECT id, message_key, case_id, visit_id, kind, channel, recipient, subject, body, calendar, attempts
              FROM customer_messages WHERE id = #{id}
            """;

    static final String SENT = """
            UPDATE customer_messages SET status = 'sent', sent_at = #{now}, lease_until = NULL, last_error = NULL
             WHERE id = #{id} AND status = 'sending'
            """;

    static final String RETRY = """
            UPDATE customer_messages SET status = #{status}, next_attempt_at = #{next}, lease_until = NULL,
                   last_error = #{error}
             WHERE id = #{id} AND status = 'sending'
            """;

    static final String CASE_EXISTS = "SELECT COUNT(*) AS n FROM cases WHERE id = #{case}";

    static final String OF_CASE = """
            SELECT id, kind, channel, recipient, status, attempts, last_error, created_at, sent_at, visit_id
              FROM customer_messages WHERE case_id = #{case} ORDER BY created_at, id
            """;

    static final String WAITING = """
            SELECT channel, COUNT(*) AS n FROM customer_messages WHERE status IN ('queued', 'sending')
             GROUP BY channel
            """;
}
