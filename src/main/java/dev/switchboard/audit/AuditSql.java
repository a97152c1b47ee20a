package dev.switchboard.audit;

/** The SQL of the admin audit. */
final class AuditSql {

    static final String INSERT = """
            INSERT INTO admin_audit (at, actor_user_id, actor_name, source_address, action, subject_kind, subject_id,
                                     subject_name, before_json, after_json)
            VALUES (#{at}, #{actorUserId}, #{actorName}, #{address}, #{action}, #{kind}, #{subjectId}, #{subjectName},
                    #{before}, #{after})
            """;

    /**
     * Newest first, below an id (the page before), optionally of one kind of subject or one actor;
     * ix_admin_audit_kind / ix_admin_audit_actor serve the filtered pages, the primary key the rest.
     */
    static final String PAGE = """
            SELECT id, at, actor_user_id, actor_name, source_address, action, subject_kind, subject_id, subject_name,
                   before_json, after_json
              FROM admin_audit
             WHERE id < #{before}
               AND (#{kind} IS NULL OR subject_kind = #{kind})
               AND (#{actor} IS NULL OR actor_name = #{actor})
             ORDER BY id DESC
             LIMIT #{limit}
            """;

    private AuditSql() {
    }
}
